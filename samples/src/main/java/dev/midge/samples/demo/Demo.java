package dev.midge.samples.demo;

import com.fazecast.jSerialComm.SerialPort;
import dev.midge.broker.Broker;
import dev.midge.broker.BrokerEvent;
import dev.midge.broker.Message;
import dev.midge.broker.QoS;
import dev.midge.samples.MqttSettings;
import dev.midge.samples.ResubscribingClient;
import dev.midge.samples.publisher.PiPublisher;
import dev.midge.samples.retained.LateSubscriber;
import dev.midge.samples.retained.StatusPublisher;
import dev.midge.samples.serial.SerialToMqttBridge;
import dev.midge.samples.subscriber.PiSubscriber;
import dev.midge.samples.subscriber.Will;
import org.eclipse.paho.client.mqttv3.MqttMessage;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The samples end to end, in one JVM: an embedded broker, a simulated Raspberry Pi (virtual serial sensor, both
 * bridges, the subscriber with its will), the publisher, a late subscriber, and a cut connection that fires the
 * will. Prints what happens and where another client can connect to watch; ends by itself unless
 * {@code --keep-running} is given.
 */
public final class Demo {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int READINGS_SHOWN = 3;

    private final DemoOptions options;
    private final Narrator narrator;

    /**
     * @param options how to run
     * @param out     where the story is told
     */
    public Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.narrator = new Narrator(out, options.pace());
    }

    /**
     * @param args see {@code --help}
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--help")) {
            System.out.print(DemoOptions.USAGE);
            return;
        }
        DemoOptions options = DemoOptions.parse(args);
        quietLogs(options.verbose());
        new Demo(options, System.out).run();
    }

    private static void quietLogs(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.dev.midge.samples", verbose ? "info" : "error");
    }

    /**
     * Tells the whole story, then stops everything it started: broker, clients, virtual serial ports.
     *
     * @throws IllegalStateException when something the story expects does not happen
     */
    public void run() throws Exception {
        narrator.title("Midge demo: the Raspberry Pi MQTT flows, with no Pi, no serial cable and no network.");
        CountDownLatch closed = new CountDownLatch(1);
        try {
            try (Broker broker = BrokerStart.start(options, narrator);
                 BrokerWatch watch = new BrokerWatch(broker);
                 SimulatedPi pi = new SimulatedPi(broker.uri().toString())) {
                String url = broker.uri().toString();
                introduce(broker);
                forwardSensorReadings(pi, watch);
                subscribeWithAWill(pi, url);
                publishNumbers(pi, url);
                switchTheLedOn(pi, broker);
                readTheStatusLate(url);
                cutThePisConnection(broker, watch, url);
                if (options.keepRunning()) {
                    keepRunningUntilCtrlC(broker, closed);
                }
                narrator.step("Stopping the Pi's clients, the virtual serial ports and the broker.");
            }
            narrator.saw("Done: every connection, port and thread is closed.");
        } finally {
            closed.countDown();
        }
    }

    private void introduce(Broker broker) throws InterruptedException {
        narrator.step("An MQTT broker runs inside this JVM.");
        narrator.saw("MQTT:           " + broker.uri());
        narrator.saw("MQTT/WebSocket: " + broker.websocketUri());
        narrator.saw("Watch along from another terminal: mosquitto_sub -h " + broker.host() + " -p " + broker.port()
                + " -t '#' -v");
        narrator.saw("or in MQTTX: host " + broker.host() + ", port " + broker.websocketPort()
                + ", path /mqtt over ws://, subscribe to #");
        if (!options.keepRunning()) {
            narrator.saw("(the demo ends by itself in a few seconds; --keep-running keeps the broker up afterwards)");
        }
    }

    private void forwardSensorReadings(SimulatedPi pi, BrokerWatch watch) throws Exception {
        narrator.step("The Pi's temperature sensor talks on serial port " + pi.sensorPath()
                + " (9600 8N1); the serial to MQTT bridge publishes each line to "
                + SerialToMqttBridge.DEFAULT_TOPIC + ".");
        int mark = watch.mark();
        pi.startSensor();
        for (BrokerEvent.MessagePublished reading : watch.awaitAll(mark, BrokerEvent.MessagePublished.class,
                e -> e.message().topic().equals(SerialToMqttBridge.DEFAULT_TOPIC), READINGS_SHOWN, TIMEOUT,
                READINGS_SHOWN + " sensor readings")) {
            narrator.saw("broker received " + reading.message().topic() + " " + reading.message().payloadAsString()
                    + " from " + reading.clientId());
        }
    }

    private void subscribeWithAWill(SimulatedPi pi, String url) throws Exception {
        narrator.step("The Pi reports its status, retained, and its subscriber connects with a will.");
        new StatusPublisher(MqttSettings.of(url, StatusPublisher.DEFAULT_CLIENT_ID)).publish(StatusPublisher.ON);
        narrator.saw("status " + StatusPublisher.ON + " published on " + StatusPublisher.DEFAULT_TOPIC
                + " with retain: the broker keeps it");
        pi.startSubscriber(piWill());
        narrator.saw(PiSubscriber.DEFAULT_CLIENT_ID + " subscribed to " + PiSubscriber.DEFAULT_TOPIC
                + "; if it vanishes, the broker publishes " + piWill().payload() + " on " + piWill().topic());
    }

    private static Will piWill() {
        // Retained, so a dashboard that starts after the Pi vanished still learns it is off.
        return Will.DEFAULT.withRetained(true);
    }

    private void publishNumbers(SimulatedPi pi, String url) throws Exception {
        narrator.step("The publisher sends 0 to 4 to " + PiPublisher.DEFAULT_TOPIC + ".");
        new PiPublisher(MqttSettings.of(url, PiPublisher.DEFAULT_CLIENT_ID)).run();
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < PiPublisher.COUNT; i++) {
            String message = pi.nextReceived(TIMEOUT);
            got.append(i == 0 ? "" : ", ").append(message.substring(message.indexOf(' ') + 1));
        }
        narrator.saw("the Pi's subscriber received: " + got);
    }

    private void switchTheLedOn(SimulatedPi pi, Broker broker) throws Exception {
        narrator.step("A phone app publishes LED=ON to emqx/serial/write; the MQTT to serial bridge writes it to "
                + pi.ledPath() + ".");
        pi.startLed();
        broker.publish(Message.of("emqx/serial/write", "LED=ON\n").withQos(QoS.AT_LEAST_ONCE));
        narrator.saw("the LED driver on the serial port received the line: " + pi.nextLedLine(TIMEOUT));
    }

    private void readTheStatusLate(String url) throws Exception {
        narrator.step("A dashboard starts late and asks for " + StatusPublisher.DEFAULT_TOPIC + ".");
        String status = new LateSubscriber(MqttSettings.of(url, LateSubscriber.DEFAULT_CLIENT_ID))
                .currentStatus(Duration.ofSeconds(5))
                .orElseThrow(() -> new IllegalStateException("The broker kept no status"));
        narrator.saw("it gets the retained status at once: " + status);
    }

    private void cutThePisConnection(Broker broker, BrokerWatch watch, String url)
            throws Exception {
        BlockingQueue<String> dashboard = new LinkedBlockingQueue<>();
        MqttSettings dashboardSettings = MqttSettings.of(url, "raspberry-dashboard-live");
        try (ResubscribingClient watcher = new ResubscribingClient(dashboardSettings, StatusPublisher.DEFAULT_TOPIC, 1,
                (topic, message) -> liveOnly(message, dashboard))) {
            watcher.connect(dashboardSettings.connectOptions());
            narrator.step("The Pi's network is cut: its connection ends without a DISCONNECT.");
            int mark = watch.mark();
            broker.dropConnection(PiSubscriber.DEFAULT_CLIENT_ID);
            BrokerEvent.WillPublished will = watch.await(mark, BrokerEvent.WillPublished.class,
                    e -> e.clientId().equals(PiSubscriber.DEFAULT_CLIENT_ID), TIMEOUT, "the Pi's will");
            narrator.saw("broker published the will of " + will.clientId() + ": " + will.message().topic() + " "
                    + will.message().payloadAsString());
            narrator.saw("the dashboard received: " + next(dashboard));
            watch.await(mark, BrokerEvent.Subscribed.class, e -> e.clientId().equals(PiSubscriber.DEFAULT_CLIENT_ID),
                    TIMEOUT, "the Pi to subscribe again");
            narrator.saw("Paho reconnected the Pi by itself, and it subscribed to " + PiSubscriber.DEFAULT_TOPIC
                    + " again");
            new StatusPublisher(MqttSettings.of(url, StatusPublisher.DEFAULT_CLIENT_ID)).publish(StatusPublisher.ON);
            narrator.saw("the Pi reports itself back; the dashboard received: " + next(dashboard));
        }
    }

    private static void liveOnly(MqttMessage message, BlockingQueue<String> dashboard) {
        if (!message.isRetained()) {
            dashboard.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        }
    }

    private static String next(BlockingQueue<String> queue) throws InterruptedException {
        String text = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (text == null) {
            throw new IllegalStateException("The dashboard received nothing within " + TIMEOUT);
        }
        return text;
    }

    private void keepRunningUntilCtrlC(Broker broker, CountDownLatch closed) throws InterruptedException {
        narrator.step("The broker and the simulated Pi keep running (a sensor reading every 400 ms).");
        narrator.saw("Connect to " + broker.uri() + " or " + broker.websocketUri() + "; press Ctrl-C to stop.");
        CountDownLatch stop = new CountDownLatch(1);
        // Through jSerialComm, whose own shutdown hook closes every serial port, but only after the hooks given to it.
        SerialPort.addShutdownHook(new Thread(() -> {
            stop.countDown();
            // The JVM ends when the hooks return: give run() the time to close the ports and the broker first.
            try {
                closed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "midge-demo-stop"));
        stop.await();
    }
}
