package dev.midge.junit.assertions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonReaderTest {

    @Test
    void objectsAreEqualWhateverTheOrderOfTheirMembersAndTheSpacing() {
        assertThat(JsonReader.read("{\"a\":1,\"b\":[true,null]}"))
                .isEqualTo(JsonReader.read(" {\n \"b\" : [ true , null ] ,\t\"a\" : 1 } "));
    }

    @Test
    void numbersAreEqualByValueWhateverTheirSpelling() {
        assertThat(JsonReader.read("[1, 1.0, 10, 1e1, 0.0, -0.50]"))
                .isEqualTo(JsonReader.read("[1.00, 1, 1E+1, 10.0, 0, -0.5]"));
        assertThat(JsonReader.read("2")).isNotEqualTo(JsonReader.read("2.5"));
    }

    @Test
    void arraysKeepTheirOrder() {
        assertThat(JsonReader.read("[1,2]")).isNotEqualTo(JsonReader.read("[2,1]"));
    }

    @Test
    void stringsDecodeEveryEscape() {
        assertThat(JsonReader.read("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\""))
                .isEqualTo("a\"b\\c/d\b\f\n\r\té\uD83D\uDE00");
    }

    @Test
    void valuesBecomeComparableJavaValues() {
        Map<String, Object> expected = new HashMap<>(Map.of("s", "x", "n", new BigDecimal("2"), "t", true,
                "f", false, "a", Collections.emptyList()));
        expected.put("z", null);

        assertThat(JsonReader.read("{\"s\":\"x\",\"n\":2,\"t\":true,\"f\":false,\"z\":null,\"a\":[]}"))
                .isEqualTo(expected);
        assertThat(JsonReader.read("[null]")).isEqualTo(Arrays.asList((Object) null));
    }

    @Test
    void aBareWordSaysWhichTokenIsUnknown() {
        assertThatThrownBy(() -> JsonReader.read("On")).hasMessage("Unrecognized token 'On' at character 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,", "{\"a\" 1}", "{a:1}", "[1]]", "01", "1.", "-", "\"abc", "\"\\x\"",
            "\"\\u12\"", "[1 2]", "{\"a\":1,}", "\"tab\there\"", "nul", "+1"})
    void textThatIsNotJsonIsRefusedWithAReason(String text) {
        assertThatThrownBy(() -> JsonReader.read(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(" at character ");
    }

    @Test
    void aDocumentNestedTooDeeplyIsRefusedInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThatThrownBy(() -> JsonReader.read(deep)).hasMessageStartingWith("Nested deeper than 512 levels");
    }
}
