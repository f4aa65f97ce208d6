package dev.midge.samples.docs.snippets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Compiles every {@code ```java} block of README.md and docs/*.md against what a user has (midge-junit,
 * midge-serial-sim, JUnit, AssertJ, Paho), and runs the blocks that are test classes.
 *
 * <p>A block with no comment before it is a whole source file. A block that is not is marked by an HTML comment
 * right before its fence (blank lines may come between), one {@code key: value} per line or separated by
 * {@code ;}, and is then compiled inside a generated class:
 *
 * <pre>{@code
 * <!-- fragment: statements
 *      given: BrokerHandle broker, MqttClients clients
 *      imports: org.eclipse.paho.mqttv5.client.MqttConnectionOptions -->
 * }</pre>
 *
 * <ul>
 *     <li>{@code fragment: statements} — the block is the body of a method; {@code fragment: members} — it is the
 *     body of a class (fields, test methods, nested classes). Anything after the first word is free text.</li>
 *     <li>{@code given:} declarations the fragment uses without showing them, made fields of the generated class
 *     (an initialiser is allowed: {@code Duration TIMEOUT = Duration.ofSeconds(5)}).</li>
 *     <li>{@code imports:} imports beyond {@link SnippetSource#FRAGMENT_IMPORTS}, which every fragment gets.</li>
 *     <li>{@code annotations:} annotations on the generated class, e.g. {@code @MqttBroker}: a members fragment
 *     with test methods is then a test class, and is run.</li>
 *     <li>{@code not run: why} — a test class that is compiled but not run, e.g. because it needs an external
 *     broker; {@code not compiled: why} — a block that is not Java on purpose. Both show up as skipped tests
 *     with the reason.</li>
 * </ul>
 *
 * <p>CONTRIBUTING.md at the repository root says the same for those who write the docs.
 *
 * <p>Blocks compile against the test class path without this module's own classes and without the test-only
 * libraries a user does not get from Midge (Awaitility and its Hamcrest), so a snippet cannot lean on the samples. Every page with
 * Java blocks shows a whole file, imports included, at least once.
 */
class DocumentationSnippetsTest {

    private static Path repository;
    private static SnippetCompiler compiler;

    @TempDir
    static Path output;

    @BeforeAll
    static void findTheRepositoryAndTheCompiler() throws IOException {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        repository = module.getParent();
        if (!Files.isRegularFile(repository.resolve("README.md")) || !Files.isDirectory(repository.resolve("docs"))) {
            throw new IllegalStateException("No README.md and docs/ in " + repository + ", the parent of the module "
                    + "directory " + module);
        }
        compiler = new SnippetCompiler(userClassPath(module));
    }

    @AfterAll
    static void closeTheCompiler() throws IOException {
        compiler.close();
    }

    private static List<File> userClassPath(Path module) {
        List<File> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            String name = path.getFileName().toString();
            if (!path.startsWith(module) && !name.startsWith("awaitility") && !name.startsWith("hamcrest")) {
                classPath.add(path.toFile());
            }
        }
        return classPath;
    }

    @TestFactory
    List<DynamicNode> everyJavaBlockCompilesAndEveryTestInOnePasses() throws IOException {
        List<DynamicNode> pages = new ArrayList<>();
        for (Path page : MarkdownSnippets.pages(repository)) {
            List<DynamicNode> blocks = new ArrayList<>();
            for (Snippet snippet : MarkdownSnippets.of(repository, page)) {
                blocks.add(DynamicTest.dynamicTest(name(snippet), () -> check(snippet)));
            }
            if (!blocks.isEmpty()) {
                pages.add(DynamicContainer.dynamicContainer(page.toString(), blocks));
            }
        }
        return pages;
    }

    private static String name(Snippet snippet) {
        String kind = switch (snippet.kind()) {
            case FILE -> "whole file";
            case STATEMENTS -> "statements";
            case MEMBERS -> "class members";
        };
        if (snippet.notCompiled() != null) {
            return "line " + snippet.line() + ", not compiled";
        }
        return "line " + snippet.line() + ", " + kind + (snippet.notRun() != null ? ", not run" : "");
    }

    private static void check(Snippet snippet) throws Exception {
        if (snippet.notCompiled() != null) {
            abort(snippet.location() + " is not compiled: " + snippet.notCompiled());
        }
        SnippetSource source = SnippetSource.of(snippet);
        Path classes = Files.createDirectories(output.resolve(snippet.page().replaceAll("\\W", "_") + "_"
                + snippet.line()));
        List<String> errors = compiler.compile(snippet, source, classes);
        if (!errors.isEmpty()) {
            fail(snippet.location() + " does not compile:\n" + String.join("\n", errors) + "\n\nCompiled as:\n"
                    + source.text());
        }
        if (snippet.notRun() != null) {
            abort(snippet.location() + " compiles; it is not run: " + snippet.notRun());
        }
        SnippetRun run = SnippetRun.of(classes, source.className());
        if (!run.failures().isEmpty()) {
            fail(snippet.location() + " compiles, but its tests fail:\n" + run.failures());
        }
    }

    @Test
    void everyBlockLeftUncompiledOrUnrunSaysWhy(TestReporter reporter) throws IOException {
        List<String> exceptions = new ArrayList<>();
        int blocks = 0;
        for (Path page : MarkdownSnippets.pages(repository)) {
            for (Snippet snippet : MarkdownSnippets.of(repository, page)) {
                blocks++;
                if (snippet.notCompiled() != null) {
                    exceptions.add(snippet.location() + " not compiled: " + snippet.notCompiled());
                } else if (snippet.notRun() != null) {
                    exceptions.add(snippet.location() + " not run: " + snippet.notRun());
                }
            }
        }
        reporter.publishEntry("Java blocks in the docs", blocks + " blocks; " + exceptions.size()
                + " not compiled or not run: " + exceptions);

        assertThat(exceptions).allSatisfy(exception -> assertThat(exception).doesNotEndWith(": "));
    }

    @Test
    void everyPageWithJavaShowsAWholeFileWithItsImports() throws IOException {
        for (Path page : MarkdownSnippets.pages(repository)) {
            List<Snippet> snippets = MarkdownSnippets.of(repository, page);
            if (!snippets.isEmpty()) {
                assertThat(snippets).as("%s: its Java blocks, one of which must be a whole file with its imports", page)
                        .anyMatch(snippet -> snippet.kind() == Snippet.Kind.FILE && snippet.notCompiled() == null
                                && snippet.code().contains("import "));
            }
        }
    }
}
