package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import com.fazecast.jSerialComm.SerialPortMessageListener;
import dev.midge.serial.junit.VirtualPort;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JSerialCommListenersTest {

    @Test
    void dataAvailableListenerLetsTheAppReadWhatTheDeviceSends(@VirtualPort VirtualSerialPort port) throws Exception {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            BlockingQueue<Integer> chunks = new LinkedBlockingQueue<>();
            app.port().addDataListener(new SerialPortDataListener() {
                @Override
                public int getListeningEvents() {
                    return SerialPort.LISTENING_EVENT_DATA_AVAILABLE;
                }

                @Override
                public void serialEvent(SerialPortEvent event) {
                    SerialPort serial = event.getSerialPort();
                    byte[] chunk = new byte[serial.bytesAvailable()];
                    int read = serial.readBytes(chunk, chunk.length);
                    synchronized (received) {
                        received.write(chunk, 0, read);
                    }
                    chunks.add(read);
                }
            });

            port.device().sendLine("T=21.5");
            int total = 0;
            while (total < 7) {
                Integer chunk = chunks.poll(5, TimeUnit.SECONDS);
                assertThat(chunk).as("a data-available event after %d bytes", total).isNotNull();
                total += chunk;
            }

            synchronized (received) {
                assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("T=21.5\n");
            }
        }
    }

    @Test
    void messageListenerDeliversEachLineOnceEvenWhenItArrivesInPieces(@VirtualPort VirtualSerialPort port) throws Exception {
        try (PiPort app = PiPort.open(port.path(), 9600)) {
            BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            app.port().addDataListener(new SerialPortMessageListener() {
                @Override
                public int getListeningEvents() {
                    return SerialPort.LISTENING_EVENT_DATA_RECEIVED;
                }

                @Override
                public byte[] getMessageDelimiter() {
                    return new byte[] {'\n'};
                }

                @Override
                public boolean delimiterIndicatesEndOfMessage() {
                    return true;
                }

                @Override
                public void serialEvent(SerialPortEvent event) {
                    messages.add(new String(event.getReceivedData(), StandardCharsets.UTF_8));
                }
            });

            port.device().send("T=2").send("1.5\nT=21.6\n");

            assertThat(List.of(messages.poll(5, TimeUnit.SECONDS), messages.poll(5, TimeUnit.SECONDS)))
                    .containsExactly("T=21.5\n", "T=21.6\n");
        }
    }
}
