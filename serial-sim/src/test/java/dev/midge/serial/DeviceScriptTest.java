package dev.midge.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.midge.serial.internal.script.Reply;
import dev.midge.serial.internal.script.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading device scripts: what each command becomes, and mistakes named with their line and the fix. */
class DeviceScriptTest {

    @Test
    void eachCommandBecomesAStepWithItsLine() {
        DeviceScript script = DeviceScript.parse("""
                # a comment, then a blank line

                send T=21.5
                send-bytes 02 41 ff
                wait 1.5s
                at 2m
                expect SET 10 within 250ms
                expect RESET
                repeat 2
                  send tick
                end
                """);

        List<Step> steps = script.steps();
        assertThat(steps).hasSize(7);
        assertThat(steps.get(0)).isEqualTo(new Step.SendLine(3, "T=21.5"));
        assertThat(((Step.SendBytes) steps.get(1)).bytes()).containsExactly(0x02, 0x41, 0xff);
        assertThat(steps.get(2)).isEqualTo(new Step.Pause(5, Duration.ofMillis(1500)));
        assertThat(steps.get(3)).isEqualTo(new Step.At(6, Duration.ofMinutes(2)));
        assertThat(steps.get(4)).isEqualTo(new Step.Expect(7, "SET 10", Duration.ofMillis(250)));
        assertThat(steps.get(5)).as("5 s unless said").isEqualTo(new Step.Expect(8, "RESET", Duration.ofSeconds(5)));
        assertThat(steps.get(6)).isEqualTo(new Step.Repeat(9, 2, List.of(new Step.SendLine(10, "tick"))));
    }

    @Test
    void anExactReplyAnswersOnlyItsRequest() {
        Reply reply = DeviceScript.parse("reply READ? => T=21.5").replies().get(0);

        assertThat(reply.responder().apply("READ?")).isEqualTo("T=21.5");
        assertThat(reply.responder().apply("READ")).isNull();
    }

    @Test
    void aRegularExpressionReplyMustMatchTheWholeRequestAndUsesItsGroups() {
        Reply reply = DeviceScript.parse("reply /SET (\\w+) (\\d+)/ => OK $1=$2").replies().get(0);

        assertThat(reply.responder().apply("SET INTERVAL 5")).isEqualTo("OK INTERVAL=5");
        assertThat(reply.responder().apply("SET INTERVAL 5 now")).isNull();
        assertThat(DeviceScript.parse("reply /a|ab/ => got it").replies().get(0).responder().apply("ab"))
                .as("the alternative that matches the whole line").isEqualTo("got it");
    }

    @Test
    void mistakesNameTheLineAndWhatToWrite() {
        assertThatThrownBy(() -> DeviceScript.parse("send x\nsleep 1s"))
                .hasMessage("script:2: unknown command 'sleep': write send, send-bytes, wait, at, expect, reply, "
                        + "repeat or end");
        assertThatThrownBy(() -> DeviceScript.parse("wait 1 s"))
                .hasMessage("script:1: '1 s' is not a duration: write a number and a unit, e.g. 250ms, 1s, 1.5s or 2m");
        assertThatThrownBy(() -> DeviceScript.parse("send-bytes 2 41"))
                .hasMessageContaining("script:1: '2' is not a byte in hexadecimal");
        assertThatThrownBy(() -> DeviceScript.parse("reply READ? T=21.5"))
                .hasMessage("script:1: a reply needs '=>' between request and reply: reply READ? => T=21.5");
        assertThatThrownBy(() -> DeviceScript.parse("reply /SET (/ => OK"))
                .hasMessageStartingWith("script:1: not a regular expression: ");
        assertThatThrownBy(() -> DeviceScript.parse("send"))
                .hasMessage("script:1: missing value: write send TEXT");
    }

    @Test
    void repeatBlocksMustBeClosedAndHoldSomething() {
        assertThatThrownBy(() -> DeviceScript.parse("repeat 3\nsend x"))
                .hasMessage("script:1: repeat without end: add a line 'end' after the lines to repeat");
        assertThatThrownBy(() -> DeviceScript.parse("send x\nend"))
                .hasMessageStartingWith("script:2: end without repeat");
        assertThatThrownBy(() -> DeviceScript.parse("repeat\nend"))
                .hasMessageStartingWith("script:2: nothing to repeat");
        assertThatThrownBy(() -> DeviceScript.parse("repeat 0\nsend x\nend"))
                .hasMessageStartingWith("script:1: 'repeat 0': write repeat N with N at least 1");
        assertThatThrownBy(() -> DeviceScript.parse("repeat\nat 1s\nend"))
                .hasMessageStartingWith("script:2: 'at' counts from the start of the script");
    }

    @Test
    void aScriptFileIsNamedByItsPathInMistakes(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("sensor.script"), "send ok\nwait soon\n");

        assertThatThrownBy(() -> DeviceScript.load(file)).hasMessageStartingWith(file + ":2: 'soon' is not a duration");
    }

    @Test
    void aMissingResourceSaysWhereToPutIt() {
        assertThatThrownBy(() -> DeviceScript.fromResource("scripts/absent.script"))
                .hasMessage("no device script scripts/absent.script on the class path: put it in src/test/resources "
                        + "(or a folder under it) and name it from there");
    }
}
