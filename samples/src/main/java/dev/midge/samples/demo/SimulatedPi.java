package dev.midge.samples.demo;

import dev.midge.samples.MqttSettings;
import dev.midge.samples.serial.MqttToSerialBridge;
import dev.midge.samples.serial.SerialToMqttBridge;
import dev.midge.samples.subscriber.PiSubscriber;
import dev.midge.samples.subscriber.Will;
import dev.midge.serial.VirtualSerialPort;
import org.eclipse.paho.client.mqttv3.MqttException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Raspberry Pi made of the samples: a temperature sensor on a virtual {@code ttyAMA0} forwarded by the serial to
 * MQTT bridge, an LED driver on a virtual {@code ttyUSB0} fed by the MQTT to serial bridge, and the subscriber with
 * its will. Nothing of it is real hardware.
 */
final class SimulatedPi implements AutoCloseable {

    private static final Duration SENSOR_PERIOD = Duration.ofMillis(400);

    private final String brokerUrl;
    private final VirtualSerialPort sensorPort = VirtualSerialPort.open("ttyAMA0");
    private final VirtualSerialPort ledPort = VirtualSerialPort.open("ttyUSB0");
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private SerialToMqttBridge sensorBridge;
    private MqttToSerialBridge ledBridge;
    private PiSubscriber subscriber;

    SimulatedPi(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    Path sensorPath() {
        return sensorPort.path();
    }

    Path ledPath() {
        return ledPort.path();
    }

    /** Starts the bridge, then the sensor, which sends a reading every 400 ms. */
    void startSensor() throws IOException, MqttException {
        sensorBridge = new SerialToMqttBridge(MqttSettings.of(brokerUrl, SerialToMqttBridge.DEFAULT_CLIENT_ID),
                sensorPort.path().toString());
        sensorBridge.start();
        AtomicInteger readings = new AtomicInteger();
        sensorPort.device().emitEvery(SENSOR_PERIOD, () ->
                String.format(Locale.ROOT, "temperature=%.1f", 21.0 + 0.1 * (readings.getAndIncrement() % 10)));
    }

    void startLed() throws IOException, MqttException {
        ledBridge = new MqttToSerialBridge(MqttSettings.of(brokerUrl, MqttToSerialBridge.DEFAULT_CLIENT_ID),
                ledPort.path().toString());
        ledBridge.start();
    }

    void startSubscriber(Will will) throws MqttException {
        subscriber = new PiSubscriber(MqttSettings.of(brokerUrl, PiSubscriber.DEFAULT_CLIENT_ID),
                PiSubscriber.DEFAULT_TOPIC, will, (topic, text) -> received.add(topic + " " + text));
        subscriber.start();
    }

    /**
     * @return the next message the subscriber received, as {@code topic text}
     * @throws IllegalStateException when none arrives in time
     */
    String nextReceived(Duration timeout) throws InterruptedException {
        String message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new IllegalStateException("The Pi's subscriber received nothing within " + timeout);
        }
        return message;
    }

    /**
     * @return the next line the LED driver received on its serial port
     */
    String nextLedLine(Duration timeout) {
        return ledPort.device().expectLine(timeout);
    }

    @Override
    public void close() {
        if (subscriber != null) {
            subscriber.close();
        }
        if (ledBridge != null) {
            ledBridge.close();
        }
        if (sensorBridge != null) {
            sensorBridge.close();
        }
        sensorPort.close();
        ledPort.close();
    }
}
