package dev.parley.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.parley.processor.ProcessorTesting.assertSingleError;
import static dev.parley.processor.ProcessorTesting.compile;
import static dev.parley.processor.ProcessorTesting.generatedSource;
import static dev.parley.processor.ProcessorTesting.messages;
import static dev.parley.processor.ProcessorTesting.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.processor.ProcessorTesting.Compiled;
import dev.parley.processor.validation.Message;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Diagnostics of {@code AgentIdRules}: the agent's id and dialects. */
class AgentIdMessagesTest {
    private static final String BUILT_IN = "xuna, playai, nextevi, xrx, amigo";

    /** An agent whose {@code @VoiceAgent} has each attribute on its own line, so carets can be told apart. */
    private static JavaFileObject agent(String attributes) {
        return source("EchoAgent", """
                package com.acme;

                import dev.parley.api.*;

                @VoiceAgent(
                        greeting = "Hello",
                        %s)
                public class EchoAgent {
                    @OnTranscript
                    String answer(String text) {
                        return text;
                    }
                }
                """.formatted(attributes));
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource({
            "'my agent', my-agent",
            "'-echo', echo",
            "'', echo-agent",
            "'support/en', support-en",
    })
    @Covers(Message.ID_INVALID)
    void invalidIdWithSuggestion(String id, String suggestion) {
        JavaFileObject file = agent("id = \"" + id + "\"");
        assertSingleError(compile(file),
                Message.ID_INVALID.format(id, "com.acme.EchoAgent", suggestion),
                "@VoiceAgent id \"" + id + "\" of com.acme.EchoAgent is not valid: ids are what clients send to reach "
                        + "the agent and must match [a-zA-Z0-9][a-zA-Z0-9_.-]*. Try \"" + suggestion + "\".",
                file, "id = \"" + id + "\"");
    }

    @Test
    void idsMayUseDotsDashesAndUnderscores() {
        Compiled compiled = compile(agent("id = \"Support_v2.en-GB\""));
        assertThat(compiled.compilation()).succeededWithoutWarnings();
        assertTrue(generatedSource(compiled.compilation(), "com/acme/EchoAgent_Descriptor.java")
                .contains("return \"Support_v2.en-GB\";"));
    }

    @Test
    @Covers(Message.ID_DUPLICATE)
    void duplicateIdIsReportedOnTheLaterAgent() {
        JavaFileObject first = source("FirstAgent", """
                package com.acme;

                @dev.parley.api.VoiceAgent(id = "echo")
                public class FirstAgent {
                }
                """);
        JavaFileObject second = source("SecondAgent", """
                package com.acme;

                @dev.parley.api.VoiceAgent(
                        greeting = "Hi",
                        id = "echo")
                public class SecondAgent {
                }
                """);
        Compiled compiled = compile(first, second);
        String expected = Message.ID_DUPLICATE.format("echo", "com.acme.SecondAgent", "com.acme.FirstAgent");
        assertThat(compiled.compilation()).failed();
        assertEquals(List.of(expected), messages(compiled.compilation().errors()));
        assertTrue(expected.contains("@VoiceAgent id \"echo\" of com.acme.SecondAgent is already used by "
                + "com.acme.FirstAgent; each agent needs its own id."), expected);
        assertThat(compiled.compilation()).hadErrorContaining(expected).inFile(second).onLineContaining("id = \"echo\"");
        // the first agent is fine and is still generated; the second is not
        assertEquals(List.of("source com.acme.FirstAgent_Invoker", "source com.acme.FirstAgent_Descriptor",
                "resource " + ProcessorTesting.SERVICE_FILE), compiled.created());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"telnet", "websocket", "eleven"})
    @Covers(Message.DIALECT_UNKNOWN)
    void unknownDialectWithoutSuggestion(String dialect) {
        JavaFileObject file = agent("""
                id = "echo",
                        dialects = {Dialects.XUNA, "%s"}""".formatted(dialect));
        assertSingleError(compile(file),
                Message.DIALECT_UNKNOWN.format(dialect, "com.acme.EchoAgent", "", BUILT_IN),
                "Unknown dialect \"" + dialect + "\" in @VoiceAgent of com.acme.EchoAgent. Known dialects: " + BUILT_IN
                        + " (Dialects.XUNA, ...). A custom dialect's id is declared with the compiler option "
                        + "-Aparley.dialects=<id>.",
                file, "dialects = {");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"XUNA, xuna", "playia, playai", "nexteve, nextevi", "amigos, amigo"})
    @Covers(Message.DIALECT_UNKNOWN)
    void unknownDialectWithSuggestion(String dialect, String suggestion) {
        JavaFileObject file = agent("""
                id = "echo",
                        dialects = "%s\"""".formatted(dialect));
        assertSingleError(compile(file),
                Message.DIALECT_UNKNOWN.format(dialect, "com.acme.EchoAgent", " Did you mean \"" + suggestion + "\"?",
                        BUILT_IN),
                "Unknown dialect \"" + dialect + "\" in @VoiceAgent of com.acme.EchoAgent. Did you mean \"" + suggestion
                        + "\"? Known dialects: " + BUILT_IN + " (",
                file, "dialects = \"" + dialect + "\"");
    }

    @Test
    void customDialectDeclaredWithTheOptionIsAccepted() {
        Compiled compiled = compile(List.of("-Aparley.dialects=custom, other"), agent("""
                id = "echo",
                        dialects = {"custom", Dialects.XUNA}"""));
        assertThat(compiled.compilation()).succeededWithoutWarnings();
        assertTrue(generatedSource(compiled.compilation(), "com/acme/EchoAgent_Descriptor.java")
                .contains("List.of(\"custom\", \"xuna\")"));
    }

    @Test
    @Covers(Message.DIALECT_UNKNOWN)
    void customDialectsAreKnownToSuggestionsAndTheList() {
        JavaFileObject file = agent("""
                id = "echo",
                        dialects = "custon\"""");
        assertSingleError(compile(List.of("-Aparley.dialects=custom"), file),
                Message.DIALECT_UNKNOWN.format("custon", "com.acme.EchoAgent", " Did you mean \"custom\"?",
                        BUILT_IN + ", custom"),
                "Did you mean \"custom\"? Known dialects: xuna, playai, nextevi, xrx, amigo, custom (",
                file, "dialects = \"custon\"");
    }

    @Test
    @Covers(Message.DIALECT_UNKNOWN)
    void customDialectWithoutTheOptionIsUnknown() {
        JavaFileObject file = agent("""
                id = "echo",
                        dialects = "custom\"""");
        assertSingleError(compile(file),
                Message.DIALECT_UNKNOWN.format("custom", "com.acme.EchoAgent", "", BUILT_IN),
                "Unknown dialect \"custom\"", file, "dialects = \"custom\"");
    }

    @Test
    @Covers(Message.DIALECT_REPEATED)
    void repeatedDialect() {
        JavaFileObject file = agent("""
                id = "echo",
                        dialects = {Dialects.XUNA, Dialects.PLAYAI, "xuna"}""");
        assertSingleError(compile(file),
                Message.DIALECT_REPEATED.format("xuna", "com.acme.EchoAgent"),
                "Dialect \"xuna\" is listed twice in @VoiceAgent of com.acme.EchoAgent. Remove the repetition.",
                file, "dialects = {");
    }
}
