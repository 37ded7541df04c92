package dev.parley.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Compiles in-memory sources with Parley's processor and checks what it reported and generated. */
final class ProcessorTesting {
    static final String SERVICE_FILE = "META-INF/services/dev.parley.api.spi.AgentDescriptor";
    /** The lint options the project itself compiles with. */
    static final List<String> PROJECT_LINT = List.of("-Xlint:all,-processing,-serial");

    /**
     * One compilation and the files the processor created during it.
     *
     * @param created every file the processor asked its Filer for, as {@code source com.acme.Agent_Invoker}
     *                or {@code resource META-INF/services/...}; known even when the compilation failed
     */
    record Compiled(Compilation compilation, List<String> created) {
    }

    private ProcessorTesting() {
    }

    static Compiled compile(JavaFileObject... sources) {
        return compile(List.of(), sources);
    }

    static Compiled compile(List<String> options, JavaFileObject... sources) {
        RecordingProcessor processor = new RecordingProcessor();
        Compilation compilation = Compiler.javac().withProcessors(processor).withOptions(options).compile(sources);
        return new Compiled(compilation, processor.created());
    }

    /** A source file {@code com/acme/<simpleName>.java}. */
    static JavaFileObject source(String simpleName, String text) {
        return JavaFileObjects.forSourceString("com.acme." + simpleName, text);
    }

    /**
     * Asserts that the compilation failed with exactly one error, whose whole text is {@code expected},
     * which contains the literal {@code phrase} (so a change of wording in {@code Message} shows up here
     * too), and which is reported in {@code file} on the one line containing {@code line}. Nothing may
     * have been generated.
     */
    static void assertSingleError(Compiled compiled, String expected, String phrase, JavaFileObject file, String line) {
        Compilation compilation = compiled.compilation();
        assertThat(compilation).failed();
        assertEquals(List.of(expected), messages(compilation.errors()), "errors");
        assertTrue(expected.contains(phrase), () -> "the message lost the phrase \"" + phrase + "\": " + expected);
        assertThat(compilation).hadErrorContaining(expected).inFile(file).onLineContaining(line);
        assertEquals(List.of(), compiled.created(), "files created despite the error");
    }

    /** Asserts that one of the errors is exactly {@code expected}, reported in {@code file} on the line containing {@code line}. */
    static void assertHasError(Compiled compiled, String expected, JavaFileObject file, String line) {
        Compilation compilation = compiled.compilation();
        assertTrue(messages(compilation.errors()).contains(expected),
                () -> "no error\n  " + expected + "\namong\n  " + String.join("\n  ", messages(compilation.errors())));
        assertThat(compilation).hadErrorContaining(expected).inFile(file).onLineContaining(line);
    }

    static List<String> messages(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        return diagnostics.stream().map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList());
    }

    /** The text of a generated source, e.g. {@code com/acme/EchoAgent_Invoker.java}. */
    static String generatedSource(Compilation compilation, String path) {
        Optional<JavaFileObject> file = compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, path);
        assertTrue(file.isPresent(), () -> "not generated: " + path + "; generated: " + compilation.generatedFiles());
        return contents(file.get());
    }

    /** The service file listing the descriptors, or empty if none was written. */
    static Optional<String> serviceFile(Compilation compilation) {
        return compilation.generatedFile(StandardLocation.CLASS_OUTPUT, SERVICE_FILE).map(ProcessorTesting::contents);
    }

    static String contents(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
