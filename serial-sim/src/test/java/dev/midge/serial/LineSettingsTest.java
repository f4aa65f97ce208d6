package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.midge.serial.LineSettings.Parity;
import dev.midge.serial.LineSettings.StopBits;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineSettingsTest {

    @Test
    void shortNotationReadsBaudDataBitsParityAndStopBits() {
        assertThat(LineSettings.parse("9600 8N1")).isEqualTo(new LineSettings(9600, 8, Parity.NONE, StopBits.ONE));
        assertThat(LineSettings.parse(" 115200  7e2 ")).isEqualTo(new LineSettings(115200, 7, Parity.EVEN, StopBits.TWO));
        assertThat(LineSettings.parse("300 5M1.5")).isEqualTo(new LineSettings(300, 5, Parity.MARK, StopBits.ONE_POINT_FIVE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9600 8N1", "19200 7O1", "300 5S1.5", "250000 6E2", "1200 8M2"})
    void settingsPrintInTheirShortNotation(String notation) {
        assertThat(LineSettings.parse(notation)).hasToString(notation);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9600", "9600 9N1", "9600 8X1", "9600 8N3", "fast 8N1", "0 8N1"})
    void malformedNotationIsRefusedQuotingIt(String notation) {
        assertThatThrownBy(() -> LineSettings.parse(notation)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void impossibleValuesAreRefused() {
        assertThatThrownBy(() -> new LineSettings(-1, 8, Parity.NONE, StopBits.ONE)).hasMessageContaining("baud");
        assertThatThrownBy(() -> new LineSettings(9600, 4, Parity.NONE, StopBits.ONE)).hasMessageContaining("data bits");
    }

    @Test
    void characterTimeCountsStartDataParityAndStopBits() {
        assertThat(LineSettings.parse("9600 8N1").characterTime()).isEqualTo(Duration.ofNanos(1_041_666));
        assertThat(LineSettings.parse("9600 7E2").characterTime()).isEqualTo(Duration.ofNanos(1_145_833));
        assertThat(LineSettings.parse("1000 5N1.5").characterTime()).isEqualTo(Duration.ofNanos(7_500_000));
    }
}
