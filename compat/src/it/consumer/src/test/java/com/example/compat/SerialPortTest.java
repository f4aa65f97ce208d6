package com.example.compat;

import com.fazecast.jSerialComm.SerialPort;
import dev.midge.serial.VirtualSerialPort;
import dev.midge.serial.junit.VirtualPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import static dev.midge.serial.assertions.SerialAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

@EnabledOnOs({OS.LINUX, OS.MAC})
class SerialPortTest {

    @Test
    void theAppReadsWhatTheSimulatedSensorSends(@VirtualPort(name = "ttyAMA0") VirtualSerialPort port)
            throws Exception {
        SerialPort serial = SerialPort.getCommPort(port.path().toString());
        serial.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        serial.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 2000, 0);
        assertThat(serial.openPort()).isTrue();
        try {
            port.device().sendLine("T=21.5");

            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(serial.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(reader.readLine()).isEqualTo("T=21.5");
            assertThat(port).hasLineSettings("9600 8N1");
        } finally {
            serial.closePort();
        }
    }
}
