package dev.midge.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ByteFormatTest {

    @Test
    void controlCharactersQuotesAndBinaryAreEscaped() {
        byte[] bytes = {'O', 'K', '\r', '\n', '\t', 0, '"', '\\', 0x1B, (byte) 0xC3, (byte) 0xA9};

        assertThat(ByteFormat.escaped(bytes)).isEqualTo("OK\\r\\n\\t\\0\\\"\\\\\\x1B\\xC3\\xA9");
        assertThat(ByteFormat.hex(bytes)).isEqualTo("4F 4B 0D 0A 09 00 22 5C 1B C3 A9");
    }

    @Test
    void descriptionCountsBytesAndShowsTextAndHex() {
        assertThat(ByteFormat.describe("A\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("2 bytes\n  text: \"A\\n\"\n  hex:  41 0A");
        assertThat(ByteFormat.describe(new byte[] {'A'})).startsWith("1 byte\n");
        assertThat(ByteFormat.describe(new byte[0])).isEqualTo("nothing");
    }

    @Test
    void longOutputShowsItsTail() {
        byte[] bytes = new byte[ByteFormat.SHOWN_BYTES + 100];
        Arrays.fill(bytes, (byte) 'a');
        bytes[bytes.length - 1] = 'Z';

        String description = ByteFormat.describe(bytes);

        assertThat(description).startsWith(bytes.length + " bytes (the first 100 not shown)")
                .contains("aZ\"")
                .doesNotContain("a".repeat(ByteFormat.SHOWN_BYTES + 1));
    }
}
