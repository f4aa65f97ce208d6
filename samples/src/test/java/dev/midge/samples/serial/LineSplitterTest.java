package dev.midge.samples.serial;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads from a serial port rarely line up with lines: the splitter puts them together.
 */
class LineSplitterTest {

    private final LineSplitter splitter = new LineSplitter();

    private List<String> feed(byte[] bytes) {
        return splitter.feed(bytes, bytes.length);
    }

    private List<String> feed(String text) {
        return feed(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLineSplitAcrossReadsComesOutOnceWhole() {
        assertThat(feed("temper")).isEmpty();
        assertThat(feed("ature=21")).isEmpty();
        assertThat(feed(".5\n")).containsExactly("temperature=21.5");
    }

    @Test
    void oneReadCanCompleteSeveralLinesAndStartTheNext() {
        assertThat(feed("a\r\nb\nc")).containsExactly("a", "b");
        assertThat(feed("\n")).containsExactly("c");
    }

    @Test
    void aCarriageReturnEndingAReadStillPairsWithTheNewlineInTheNextRead() {
        assertThat(feed("T=1\r")).isEmpty();
        assertThat(feed("\n")).containsExactly("T=1");
    }

    @Test
    void aCharacterSplitAcrossTwoReadsIsDecodedIntact() {
        byte[] line = "température=21\n".getBytes(StandardCharsets.UTF_8);
        int insideTheAccent = 5;

        assertThat(feed(Arrays.copyOfRange(line, 0, insideTheAccent))).isEmpty();
        assertThat(feed(Arrays.copyOfRange(line, insideTheAccent, line.length))).containsExactly("température=21");
    }

    @Test
    void onlyTheGivenLengthOfTheBufferIsRead() {
        byte[] buffer = "ok\nstale bytes\n".getBytes(StandardCharsets.UTF_8);

        assertThat(splitter.feed(buffer, 3)).containsExactly("ok");
    }

    @Test
    void aDeviceThatNeverEndsItsLineIsCutIntoPiecesOfTheMaximumSize() {
        String endless = "x".repeat(LineSplitter.MAX_LINE_BYTES * 2 + 10);

        List<String> lines = feed(endless);

        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).hasSize(LineSplitter.MAX_LINE_BYTES));
        assertThat(feed("\n")).containsExactly("x".repeat(10));
    }

    @Test
    void anEmptyLineIsReportedAsSuch() {
        assertThat(feed("\n\r\n")).containsExactly("", "");
    }
}
