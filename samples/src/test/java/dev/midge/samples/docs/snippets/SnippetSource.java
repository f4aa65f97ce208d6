package dev.midge.samples.docs.snippets;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java source a block is compiled as: the block itself when it is a whole file, or the block inside a generated
 * class when it is a fragment.
 *
 * @param className  the fully qualified name of the (first) top-level class
 * @param text       the source text
 * @param codeOffset how many lines of the source come before the block's first line
 */
public record SnippetSource(String className, String text, int codeOffset) {

    /**
     * What a fragment's wrapper imports before the fragment's own {@code imports}: the types a user of midge-junit,
     * midge-serial-sim, JUnit, AssertJ and Paho 3 uses most.
     */
    public static final List<String> FRAGMENT_IMPORTS = List.of(
            "dev.midge.broker.*",
            "dev.midge.junit.*",
            "dev.midge.serial.*",
            "dev.midge.serial.junit.*",
            "org.junit.jupiter.api.*",
            "org.junit.jupiter.api.extension.RegisterExtension",
            "org.eclipse.paho.client.mqttv3.*",
            "org.eclipse.paho.client.mqttv3.persist.MemoryPersistence",
            "java.nio.file.*",
            "java.time.*",
            "java.util.*",
            "java.util.concurrent.*",
            "static org.assertj.core.api.Assertions.*",
            "static org.assertj.core.api.Assertions.assertThat",
            "static dev.midge.junit.MqttAssertions.assertThat",
            "static dev.midge.serial.assertions.SerialAssertions.assertThat");

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "(?m)^(?:(?:public|final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");

    /**
     * @param snippet a block that is to be compiled
     * @return its source
     * @throws IllegalArgumentException when a block marked as a whole file declares no top-level type
     */
    public static SnippetSource of(Snippet snippet) {
        if (snippet.kind() == Snippet.Kind.FILE) {
            return file(snippet);
        }
        String name = "Snippet_" + snippet.page().replaceAll("\\W", "_") + "_line_" + snippet.line();
        StringBuilder text = new StringBuilder();
        for (String type : FRAGMENT_IMPORTS) {
            text.append("import ").append(type).append(";\n");
        }
        for (String type : snippet.imports()) {
            text.append("import ").append(type).append(";\n");
        }
        for (String annotation : snippet.annotations()) {
            text.append(annotation).append('\n');
        }
        text.append("class ").append(name).append(" {\n");
        for (String declaration : snippet.given()) {
            text.append("    ").append(declaration).append(";\n");
        }
        if (snippet.kind() == Snippet.Kind.STATEMENTS) {
            text.append("    void snippet() throws Exception {\n");
        }
        int offset = (int) text.chars().filter(c -> c == '\n').count();
        text.append(snippet.code());
        if (snippet.kind() == Snippet.Kind.STATEMENTS) {
            text.append("    }\n");
        }
        text.append("}\n");
        return new SnippetSource(name, text.toString(), offset);
    }

    private static SnippetSource file(Snippet snippet) {
        Matcher type = TOP_LEVEL_TYPE.matcher(snippet.code());
        if (!type.find()) {
            throw new IllegalArgumentException(snippet.location() + ": this ```java block declares no top-level class"
                    + " at the start of a line; if it is not a whole file, mark it with <!-- fragment: statements -->"
                    + " or <!-- fragment: members --> right before the block");
        }
        Matcher pkg = PACKAGE.matcher(snippet.code());
        String prefix = pkg.find() ? pkg.group(1) + "." : "";
        return new SnippetSource(prefix + type.group(1), snippet.code(), 0);
    }

    /**
     * @return the file name javac expects for this source, e.g. {@code dev/midge/Example.java}
     */
    public String fileName() {
        return className.replace('.', '/') + ".java";
    }
}
