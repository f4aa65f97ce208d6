package dev.midge.samples.docs.snippets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pieces behind {@link DocumentationSnippetsTest} find, mark, compile and run blocks as its Javadoc says.
 */
class SnippetHarnessTest {

    private static SnippetCompiler compiler;

    @TempDir
    Path repository;

    @BeforeAll
    static void startTheCompiler() throws IOException {
        compiler = new SnippetCompiler(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new).toList());
    }

    @AfterAll
    static void closeTheCompiler() throws IOException {
        compiler.close();
    }

    @Test
    void aMarkedFragmentIsReadWithItsDeclarationsAndAnUnmarkedBlockIsAWholeFile() throws IOException {
        List<Snippet> snippets = page("""
                Intro.

                <!-- fragment: statements inside a test
                     given: Map<String, Integer> counts, BrokerHandle broker
                     imports: java.util.Map -->

                ```java
                counts.put("a", 1);
                ```

                  ```java
                  class Whole {}
                  ```
                """);

        assertThat(snippets).hasSize(2);
        assertThat(snippets.get(0).kind()).isEqualTo(Snippet.Kind.STATEMENTS);
        assertThat(snippets.get(0).line()).isEqualTo(7);
        assertThat(snippets.get(0).given()).containsExactly("Map<String, Integer> counts", "BrokerHandle broker");
        assertThat(snippets.get(0).imports()).containsExactly("java.util.Map");
        assertThat(snippets.get(1).kind()).isEqualTo(Snippet.Kind.FILE);
        assertThat(snippets.get(1).code()).isEqualTo("class Whole {}\n");
    }

    @Test
    void aCommentWithAnUnknownKeyBeforeABlockIsAMistakeThatNamesTheLine() throws IOException {
        Files.createDirectories(repository.resolve("docs"));
        Files.writeString(repository.resolve("docs/page.md"), "<!-- fragmnet: statements -->\n```java\nint a;\n```\n");

        assertThatThrownBy(() -> MarkdownSnippets.of(repository, Path.of("docs/page.md")))
                .hasMessageStartingWith("docs/page.md:2: the comment before this ```java block has \"fragmnet: "
                        + "statements\"");
    }

    @Test
    void aCompilerErrorNamesThePageLineOfTheFragment() throws IOException {
        Snippet snippet = page("""
                <!-- fragment: statements -->
                ```java
                int fine = 1;
                String wrong = fine;
                ```
                """).get(0);

        List<String> errors = compiler.compile(snippet, SnippetSource.of(snippet), repository);

        assertThat(errors).singleElement().asString()
                .startsWith("docs/page.md:4 (block at line 2): incompatible types");
    }

    @Test
    void aTestClassThatFailsIsReportedWithItsFailure() throws Exception {
        Snippet snippet = page("""
                ```java
                import org.junit.jupiter.api.Test;
                import static org.assertj.core.api.Assertions.assertThat;

                class FailingTest {
                    @Test
                    void failsOnPurpose() {
                        assertThat(1 + 1).isEqualTo(3);
                    }
                }
                ```
                """).get(0);
        SnippetSource source = SnippetSource.of(snippet);
        Path classes = Files.createDirectories(repository.resolve("classes"));

        assertThat(compiler.compile(snippet, source, classes)).isEmpty();
        SnippetRun run = SnippetRun.of(classes, source.className());

        assertThat(run.tests()).isEqualTo(1);
        assertThat(run.failures()).contains("failsOnPurpose").contains("expected: 3");
    }

    private List<Snippet> page(String markdown) throws IOException {
        Files.createDirectories(repository.resolve("docs"));
        Files.writeString(repository.resolve("docs/page.md"), markdown);
        return MarkdownSnippets.of(repository, Path.of("docs/page.md"));
    }
}
