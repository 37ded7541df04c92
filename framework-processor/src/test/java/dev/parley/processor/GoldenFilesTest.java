package dev.parley.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.parley.processor.ProcessorTesting.compile;
import static dev.parley.processor.ProcessorTesting.generatedSource;
import static dev.parley.processor.ProcessorTesting.serviceFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.parley.processor.ProcessorTesting.Compiled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated sources of three representative agents (src/test/resources/agents) must equal, character for
 * character, the golden files in src/test/resources/golden. After an intended change to the writers, run
 * {@code mvn test -pl framework-processor -Dparley.updateGolden=true}, then review the diff of the golden files.
 */
class GoldenFilesTest {
    /** The agents compiled together: every handler; the minimal one; a static nested one. */
    static final List<String> AGENTS = List.of("FullAgent", "MinimalAgent", "Outer");

    private static Compilation compilation;

    @BeforeAll
    static void compileAgents() {
        Compiled compiled = compile(ProcessorTesting.PROJECT_LINT, AGENTS.stream()
                .map(name -> JavaFileObjects.forResource("agents/com/acme/" + name + ".java"))
                .toArray(javax.tools.JavaFileObject[]::new));
        compilation = compiled.compilation();
        assertThat(compilation).succeededWithoutWarnings();
        assertEquals(List.of(
                        "source com.acme.FullAgent_Invoker", "source com.acme.FullAgent_Descriptor",
                        "source com.acme.MinimalAgent_Invoker", "source com.acme.MinimalAgent_Descriptor",
                        "source com.acme.Outer_Inner_Invoker", "source com.acme.Outer_Inner_Descriptor",
                        "resource " + ProcessorTesting.SERVICE_FILE),
                compiled.created());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "FullAgent_Invoker", "FullAgent_Descriptor",
            "MinimalAgent_Invoker", "MinimalAgent_Descriptor",
            "Outer_Inner_Invoker", "Outer_Inner_Descriptor"})
    void generatedSourceEqualsGoldenFile(String generatedClass) throws IOException {
        String path = "com/acme/" + generatedClass + ".java";
        String actual = generatedSource(compilation, path);
        String golden = golden(path, actual);
        // Exact text, not hasSourceEquivalentTo: that one needs jdk.compiler's internals exported to the test
        // JVM, and the exact text also pins the Javadoc and @Generated the user sees.
        assertEquals(golden, actual, "generated " + path + " differs from golden/" + path);
    }

    @Test
    void serviceFileListsEveryDescriptorSorted() throws IOException {
        String path = "META-INF/services/dev.parley.api.spi.AgentDescriptor";
        Optional<String> actual = serviceFile(compilation);
        assertEquals(Optional.of("com.acme.FullAgent_Descriptor\ncom.acme.MinimalAgent_Descriptor\n"
                + "com.acme.Outer_Inner_Descriptor\n"), actual);
        assertEquals(golden(path, actual.get()), actual.get());
    }

    /** The golden file's text; rewritten from {@code actual} first when asked to update. */
    private static String golden(String path, String actual) throws IOException {
        if (Boolean.getBoolean("parley.updateGolden")) {
            Path file = Path.of("src/test/resources/golden").resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return actual;
        }
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + path)) {
            assertNotNull(in, "no golden file golden/" + path + "; run with -Dparley.updateGolden=true to create it");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
