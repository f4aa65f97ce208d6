package dev.midge.samples.docs.snippets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the {@code ```java} blocks of README.md and docs/*.md, each with the marking comment right before it.
 */
public final class MarkdownSnippets {

    private static final Pattern OPENING_FENCE = Pattern.compile("^(\\s*)```java\\s*$");
    private static final Pattern CLOSING_FENCE = Pattern.compile("^\\s*```\\s*$");
    private static final Set<String> KEYS = Set.of("fragment", "given", "imports", "annotations", "not run",
            "not compiled");

    private MarkdownSnippets() {
    }

    /**
     * @param repository the repository's root directory
     * @return the pages whose Java blocks are checked: README.md, then docs/*.md by name
     */
    public static List<Path> pages(Path repository) throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("README.md"));
        try (Stream<Path> docs = Files.list(repository.resolve("docs"))) {
            docs.filter(page -> page.getFileName().toString().endsWith(".md"))
                    .map(page -> repository.relativize(page))
                    .sorted()
                    .forEach(pages::add);
        }
        return pages;
    }

    /**
     * @param repository the repository's root directory
     * @param page       a page relative to it
     * @return the page's Java blocks, in order
     * @throws IllegalArgumentException when a block is not closed or its marking comment cannot be read
     */
    public static List<Snippet> of(Path repository, Path page) throws IOException {
        String name = page.toString().replace('\\', '/');
        List<String> lines = Files.readAllLines(repository.resolve(page));
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher opening = OPENING_FENCE.matcher(lines.get(i));
            if (!opening.matches()) {
                continue;
            }
            int indent = opening.group(1).length();
            int end = i + 1;
            StringBuilder code = new StringBuilder();
            while (end < lines.size() && !CLOSING_FENCE.matcher(lines.get(end)).matches()) {
                String line = lines.get(end);
                code.append(line, Math.min(indent, leadingSpaces(line)), line.length()).append('\n');
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": the ```java block is never closed");
            }
            snippets.add(snippet(name, i + 1, code.toString(), marking(lines, i, name)));
            i = end;
        }
        return snippets;
    }

    private static int leadingSpaces(String line) {
        int count = 0;
        while (count < line.length() && line.charAt(count) == ' ') {
            count++;
        }
        return count;
    }

    private static Map<String, String> marking(List<String> lines, int fence, String page) {
        int last = fence - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        if (last < 0 || !lines.get(last).strip().endsWith("-->")) {
            return Map.of();
        }
        int first = last;
        while (first >= 0 && !lines.get(first).contains("<!--")) {
            first--;
        }
        if (first < 0) {
            return Map.of();
        }
        String comment = String.join("\n", lines.subList(first, last + 1)).strip();
        comment = comment.substring(comment.indexOf("<!--") + 4, comment.length() - 3);
        Map<String, String> entries = new LinkedHashMap<>();
        for (String entry : comment.split("[\n;]")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String key = colon < 0 ? "" : entry.substring(0, colon).strip();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(page + ":" + (fence + 1) + ": the comment before this ```java block"
                        + " has \"" + entry.strip() + "\"; write one of " + KEYS + " followed by a colon");
            }
            entries.put(key, entry.substring(colon + 1).strip());
        }
        return entries;
    }

    private static Snippet snippet(String page, int line, String code, Map<String, String> marking) {
        String fragment = marking.get("fragment");
        Snippet.Kind kind;
        if (fragment == null) {
            kind = Snippet.Kind.FILE;
        } else if (fragment.startsWith("statements")) {
            kind = Snippet.Kind.STATEMENTS;
        } else if (fragment.startsWith("members")) {
            kind = Snippet.Kind.MEMBERS;
        } else {
            throw new IllegalArgumentException(page + ":" + line + ": fragment: \"" + fragment + "\" is neither "
                    + "\"statements\" nor \"members\"");
        }
        return new Snippet(page, line, code, kind, list(marking.get("given")), list(marking.get("imports")),
                list(marking.get("annotations")), marking.get("not run"), marking.get("not compiled"));
    }

    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            depth += c == '<' || c == '(' ? 1 : c == '>' || c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                items.add(value.substring(start, i).strip());
                start = i + 1;
            }
        }
        items.add(value.substring(start).strip());
        items.removeIf(String::isEmpty);
        return items;
    }
}
