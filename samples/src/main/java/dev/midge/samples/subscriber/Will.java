package dev.midge.samples.subscriber;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The message the broker publishes for a client whose connection ends without a DISCONNECT: power cut, crash,
 * network gone.
 *
 * @param topic    where it is published
 * @param payload  what it says
 * @param qos      its quality of service
 * @param retained whether the broker keeps it for clients that subscribe later
 */
public record Will(String topic, String payload, int qos, boolean retained) {

    /** The source guide's will: {@code {"status": "Off"}} on {@code raspberry/status}, not retained. */
    public static final Will DEFAULT = new Will("raspberry/status", "{\"status\": \"Off\"}", 1, false);

    /**
     * Checks the fields.
     */
    public Will {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, not " + qos);
        }
    }

    /**
     * @param keep whether the broker keeps the will for later subscribers
     * @return a copy of this will with that retain flag
     */
    public Will withRetained(boolean keep) {
        return new Will(topic, payload, qos, keep);
    }

    /**
     * @return the payload as UTF-8 bytes
     */
    public byte[] payloadBytes() {
        return payload.getBytes(StandardCharsets.UTF_8);
    }
}
