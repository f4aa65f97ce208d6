package dev.midge.samples.docs.snippets;

import java.util.List;

/**
 * One {@code ```java} block of a documentation page, with what the comment before it says about it.
 *
 * @param page        the page, relative to the repository root, e.g. {@code docs/broker.md}
 * @param line        the line of the opening fence, counted from 1
 * @param code        the block's text, without the fences
 * @param kind        how the block is turned into a compilation unit
 * @param given       declarations the fragment relies on, e.g. {@code BrokerHandle broker}
 * @param imports     imports added to a fragment's wrapper, e.g. {@code static java.util.Map.entry}
 * @param annotations annotations put on a fragment's wrapper class, e.g. {@code @MqttBroker}
 * @param notRun      why a compiled test class is not run, or null
 * @param notCompiled why the block is not compiled at all, or null
 */
public record Snippet(String page, int line, String code, Kind kind, List<String> given, List<String> imports,
                      List<String> annotations, String notRun, String notCompiled) {

    /**
     * How a block becomes Java source.
     */
    public enum Kind {
        /** A whole source file: imports, then one or more top-level types. */
        FILE,
        /** Statements, compiled as the body of a method of a generated class. */
        STATEMENTS,
        /** Fields, methods or nested types, compiled as the body of a generated class. */
        MEMBERS
    }

    /**
     * @return where the block is, as {@code page:line}
     */
    public String location() {
        return page + ":" + line;
    }

    /**
     * @return the line of the page that holds the block's first line of code
     */
    public int firstCodeLine() {
        return line + 1;
    }
}
