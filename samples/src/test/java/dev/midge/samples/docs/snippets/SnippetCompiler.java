package dev.midge.samples.docs.snippets;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compiles documentation blocks with {@code javax.tools} against what a user of midge-junit and midge-serial-sim has
 * on the test class path.
 */
public final class SnippetCompiler implements AutoCloseable {

    private static final List<String> OPTIONS = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8");

    private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager files;

    /**
     * @param classPath the class path blocks compile against
     */
    public SnippetCompiler(List<File> classPath) throws IOException {
        if (compiler == null) {
            throw new IllegalStateException("No Java compiler in this runtime: run the build on a JDK, not a JRE");
        }
        files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        files.setLocation(StandardLocation.CLASS_PATH, classPath);
    }

    /**
     * @param snippet the block
     * @param source  its source
     * @param output  the directory the class files go to
     * @return the compiler's errors, each naming the page and line of the block it is about; empty on success
     */
    public List<String> compile(Snippet snippet, SnippetSource source, Path output) throws IOException {
        files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(output.toFile()));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + source.fileName()),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source.text();
            }
        };
        boolean compiled = compiler.getTask(null, files, diagnostics, OPTIONS, null, List.of(unit)).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(where(snippet, source, diagnostic) + ": " + diagnostic.getMessage(Locale.ROOT));
            }
        }
        if (!compiled && errors.isEmpty()) {
            errors.add(snippet.location() + ": javac failed without saying why");
        }
        return errors;
    }

    private static String where(Snippet snippet, SnippetSource source, Diagnostic<?> diagnostic) {
        long line = diagnostic.getLineNumber() - source.codeOffset();
        long codeLines = snippet.code().lines().count();
        if (diagnostic.getLineNumber() == Diagnostic.NOPOS || line < 1 || line > codeLines) {
            return snippet.location() + " (in the class generated around the fragment, line "
                    + diagnostic.getLineNumber() + ")";
        }
        return snippet.page() + ":" + (snippet.firstCodeLine() + line - 1) + " (block at line " + snippet.line() + ")";
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
