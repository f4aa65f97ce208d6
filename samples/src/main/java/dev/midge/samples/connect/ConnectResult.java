package dev.midge.samples.connect;

import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * How a connection attempt ended, in the words of the MQTT 3.1.1 CONNACK return-code table, plus the case where no
 * broker answered at all.
 */
public enum ConnectResult {
    /** Return code 0. */
    CONNECTED(0, "connection succeeded"),
    /** Return code 1: the broker does not speak the client's MQTT version. */
    BAD_PROTOCOL_VERSION(1, "connection failed - incorrect protocol version"),
    /** Return code 2: the broker does not accept the client identifier. */
    IDENTIFIER_REJECTED(2, "connection failed - invalid client identifier"),
    /** Return code 3: the broker is up but cannot serve clients now. */
    BROKER_UNAVAILABLE(3, "connection failed - the broker is not available"),
    /** Return code 4. */
    BAD_USER_NAME_OR_PASSWORD(4, "connection failed - wrong username or password"),
    /** Return code 5: the credentials are right but this client may not connect. */
    NOT_AUTHORIZED(5, "connection failed - unauthorized"),
    /** Return codes 6 to 255, which MQTT 3.1.1 does not define. */
    UNDEFINED(-1, "connection failed - undefined return code"),
    /** No CONNACK at all: nothing listens at the address, or the network is down. */
    NO_BROKER(-1, "connection failed - no broker answered: check the address, the network and that the broker runs");

    private final int returnCode;
    private final String words;

    ConnectResult(int returnCode, String words) {
        this.returnCode = returnCode;
        this.words = words;
    }

    /**
     * @param returnCode a CONNACK return code
     * @return its outcome
     */
    public static ConnectResult ofReturnCode(int returnCode) {
        for (ConnectResult outcome : values()) {
            if (outcome.returnCode == returnCode && returnCode >= 0) {
                return outcome;
            }
        }
        return UNDEFINED;
    }

    /**
     * @param failure what Paho threw from {@code connect}
     * @return the outcome it stands for
     */
    public static ConnectResult of(MqttException failure) {
        int code = failure.getReasonCode();
        // Paho reports a refused CONNACK with the return code itself; its own failures use codes from 32000 up.
        return code > 0 && code <= 255 ? ofReturnCode(code) : NO_BROKER;
    }

    /**
     * @return the CONNACK return code, or -1 for {@link #UNDEFINED} and {@link #NO_BROKER}
     */
    public int returnCode() {
        return returnCode;
    }

    /**
     * @return what happened, for a person to read
     */
    public String words() {
        return words;
    }
}
