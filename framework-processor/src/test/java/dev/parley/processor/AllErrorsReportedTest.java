package dev.parley.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.parley.processor.ProcessorTesting.assertHasError;
import static dev.parley.processor.ProcessorTesting.compile;
import static dev.parley.processor.ProcessorTesting.messages;
import static dev.parley.processor.ProcessorTesting.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.processor.ProcessorTesting.Compiled;
import dev.parley.processor.validation.Message;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Like AutoValue: every error of a class is reported in one compilation, and a class with errors gets no
 * invoker, no descriptor and no service entry, while valid agents beside it still do.
 */
class AllErrorsReportedTest {

    @Test
    void everyErrorOfOneClassIsReportedAndNothingIsGenerated() {
        JavaFileObject file = source("BrokenAgent", """
                package com.acme;

                import dev.parley.api.*;
                import java.util.List;

                @VoiceAgent(
                        id = "broken agent",
                        dialects = {"xuna", "xnua"})
                public class BrokenAgent<T> {
                    public BrokenAgent(String name) {
                    }

                    @OnTranscript
                    private static List<String> answer(String text, int times) {
                        return List.of(text);
                    }

                    @OnAudio
                    String audio(AudioFrame frame) {
                        return null;
                    }

                    @OnAudio
                    void moreAudio(AudioFrame frame, AgentSession session, AudioFrame again) {
                    }
                }
                """);
        Compiled compiled = compile(file);
        String agent = "com.acme.BrokenAgent";
        String answer = agent + "#answer()";
        List<String> expected = List.of(
                Message.AGENT_GENERIC.format(agent),
                Message.AGENT_NO_CONSTRUCTOR.format(agent),
                Message.ID_INVALID.format("broken agent", agent, "broken-agent"),
                Message.DIALECT_UNKNOWN.format("xnua", agent, " Did you mean \"xuna\"?", "xuna, playai, nextevi, xrx, amigo"),
                Message.HANDLER_PRIVATE.format("@OnTranscript", "answer(...)", answer),
                Message.HANDLER_STATIC.format("@OnTranscript", "answer(...)", answer),
                Message.PARAMETER_NOT_ALLOWED.format("times", "int", "@OnTranscript", "answer(...)",
                        "Transcript, AgentSession, String", answer),
                Message.RETURN_NOT_ALLOWED.format("@OnTranscript", "answer(...)", "java.util.List<java.lang.String>",
                        "void, String, CompletionStage<String>, Stream<String> or Flow.Publisher<String>", answer),
                Message.RETURN_NOT_VOID.format("@OnAudio", "audio(...)", "java.lang.String", "@OnAudio", agent + "#audio()"),
                Message.HANDLER_DUPLICATE.format("@OnAudio", agent, "audio(...)", "moreAudio(...)"),
                Message.PARAMETER_REPEATED.format("@OnAudio", "moreAudio(...)", "AudioFrame", "again", agent + "#moreAudio()"));
        assertThat(compiled.compilation()).failed();
        assertEquals(expected, messages(compiled.compilation().errors()));
        assertHasError(compiled, expected.get(0), file, "public class BrokenAgent<T>");
        assertHasError(compiled, expected.get(2), file, "id = \"broken agent\"");
        assertHasError(compiled, expected.get(3), file, "dialects = {");
        assertHasError(compiled, expected.get(6), file, "private static List<String> answer");
        assertHasError(compiled, expected.get(8), file, "String audio(AudioFrame frame)");
        assertHasError(compiled, expected.get(10), file, "void moreAudio(");
        assertEquals(List.of(), compiled.created(), "files created for a class with errors");
    }

    @Test
    void twoErrorsInOneClassBothAppear() {
        JavaFileObject file = source("EchoAgent", """
                package com.acme;

                import dev.parley.api.*;

                @VoiceAgent(id = "echo")
                public abstract class EchoAgent {
                    @OnTranscript
                    private String answer(String text) {
                        return text;
                    }
                }
                """);
        Compiled compiled = compile(file);
        String abstractClass = Message.AGENT_ABSTRACT.format("com.acme.EchoAgent");
        String privateHandler = Message.HANDLER_PRIVATE.format("@OnTranscript", "answer(...)", "com.acme.EchoAgent#answer()");
        assertEquals(List.of(abstractClass, privateHandler), messages(compiled.compilation().errors()));
        assertHasError(compiled, abstractClass, file, "public abstract class EchoAgent");
        assertHasError(compiled, privateHandler, file, "private String answer");
        assertEquals(List.of(), compiled.created());
    }

    @Test
    void privateClassWithAnExplicitPrivateConstructorGetsBothErrors() {
        JavaFileObject file = source("Outer", """
                package com.acme;

                public class Outer {
                    @dev.parley.api.VoiceAgent(id = "echo")
                    private static class EchoAgent {
                        private EchoAgent() {
                        }
                    }
                }
                """);
        Compiled compiled = compile(file);
        assertEquals(List.of(Message.AGENT_PRIVATE.format("com.acme.Outer.EchoAgent"),
                        Message.AGENT_NO_CONSTRUCTOR.format("com.acme.Outer.EchoAgent")),
                messages(compiled.compilation().errors()));
    }

    @Test
    void validAgentsBesideABrokenOneAreStillGenerated() {
        JavaFileObject broken = source("BrokenAgent", """
                package com.acme;

                import dev.parley.api.*;

                @VoiceAgent(id = "broken")
                public class BrokenAgent {
                    @OnSessionEnd
                    String ended() {
                        return "bye";
                    }
                }
                """);
        JavaFileObject fine = source("FineAgent", """
                package com.acme;

                import dev.parley.api.*;

                @VoiceAgent(id = "fine")
                public class FineAgent {
                    @OnTranscript
                    String answer(String text) {
                        return text;
                    }
                }
                """);
        Compiled compiled = compile(broken, fine);
        assertEquals(List.of(Message.RETURN_NOT_VOID.format("@OnSessionEnd", "ended()", "java.lang.String",
                "@OnSessionEnd", "com.acme.BrokenAgent#ended()")), messages(compiled.compilation().errors()));
        assertEquals(List.of("source com.acme.FineAgent_Invoker", "source com.acme.FineAgent_Descriptor",
                "resource " + ProcessorTesting.SERVICE_FILE), compiled.created());
    }

    @Test
    void aClassWithoutHandlersIsAValidAgent() {
        Compiled compiled = compile(source("SilentAgent", """
                package com.acme;

                @dev.parley.api.VoiceAgent(id = "silent")
                public class SilentAgent {
                }
                """));
        assertThat(compiled.compilation()).succeededWithoutWarnings();
        assertThat(compiled.compilation()).generatedSourceFile("com.acme.SilentAgent_Invoker")
                .contentsAsUtf8String().contains("HANDLERS = Collections.unmodifiableSet(EnumSet.noneOf(Handler.class));");
    }
}
