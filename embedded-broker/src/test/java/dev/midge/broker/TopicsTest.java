package dev.midge.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @ParameterizedTest(name = "\"{0}\" is a valid filter")
    @ValueSource(strings = {"a", "a/b", "/", "a//b", "/a", "a/", "+", "#", "+/+", "a/+/b", "a/#", "+/#", "$SYS/#",
            "sport/tennis/+", "ä/ö"})
    void validFiltersPass(String filter) {
        assertThat(Topics.checkFilter(filter)).isNull();
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "a/#/b", "a#", "#a", "a/b#", "a/b+", "+a", "a/+b/c", "##", "#/", "a\u0000b"})
    void invalidFiltersAreRefusedWithAReason(String filter) {
        assertThat(Topics.checkFilter(filter)).isNotBlank();
    }

    @ParameterizedTest(name = "\"{0}\" is a valid topic name")
    @ValueSource(strings = {"a", "a/b", "/", "a//b", "$SYS/uptime", " "})
    void validTopicNamesPass(String topic) {
        assertThat(Topics.checkTopicName(topic)).isNull();
    }

    @ParameterizedTest(name = "\"{0}\" is not a topic name")
    @ValueSource(strings = {"", "a/+", "#", "a/#", "a+b", "a\u0000"})
    void wildcardsEmptyAndNullCharactersAreNotTopicNames(String topic) {
        assertThat(Topics.checkTopicName(topic)).isNotBlank();
    }

    @Test
    void nullIsNeitherATopicNorAFilter() {
        assertThat(Topics.checkTopicName(null)).isNotBlank();
        assertThat(Topics.checkFilter(null)).isNotBlank();
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a/b            | a/b           | true
            a/b            | a/c           | false
            a/b            | a/b/c         | false
            a/b/c          | a/b           | false
            A              | a             | false
            a/+            | a/b           | true
            a/+            | a/            | true
            a/+            | a             | false
            a/+            | a/b/c         | false
            +              | a             | true
            +              | /a            | false
            +/+            | /a            | true
            /+             | /a            | true
            +/b            | a/b           | true
            a/+/c          | a//c          | true
            a//c           | a//c          | true
            a/#            | a             | true
            a/#            | a/            | true
            a/#            | a/b/c         | true
            a/#            | ab            | false
            a/b/#          | a             | false
            #              | a/b/c         | true
            #              | /             | true
            +/#            | a             | true
            sport/tennis/+ | sport/tennis/player1/ranking | false
            #              | $SYS/uptime   | false
            +/uptime       | $SYS/uptime   | false
            +/#            | $SYS          | false
            $SYS/#         | $SYS/uptime   | true
            $SYS/#         | $SYS          | true
            $SYS/+         | $SYS/uptime   | true
            a/#            | a/$x          | true
            """)
    void matchesFollowsTheMqttRules(String filter, String topic, boolean expected) {
        assertThat(Topics.matches(filter, topic)).isEqualTo(expected);
    }
}
