package dev.parley.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.parley.processor.ProcessorTesting.assertSingleError;
import static dev.parley.processor.ProcessorTesting.compile;
import static dev.parley.processor.ProcessorTesting.messages;
import static dev.parley.processor.ProcessorTesting.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.processor.ProcessorTesting.Compiled;
import dev.parley.processor.validation.Message;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Diagnostics of {@code HandlerRules} and of handlers outside agents. */
class HandlerMessagesTest {
    private static final String ALL_RETURNS = "void, String, CompletionStage<String>, Stream<String> or Flow.Publisher<String>";

    /** {@code com.acme.EchoAgent}, a valid agent apart from {@code body}. */
    private static JavaFileObject agent(String body) {
        return source("EchoAgent", """
                package com.acme;

                import dev.parley.api.*;
                import java.util.*;
                import java.util.concurrent.*;

                @VoiceAgent(id = "echo")
                public class EchoAgent {
                %s
                }
                """.formatted(body.indent(4).stripTrailing()));
    }

    @Test
    @Covers(Message.HANDLER_OUTSIDE_AGENT)
    void handlerInAClassThatIsNotAnAgent() {
        JavaFileObject file = source("Helper", """
                package com.acme;

                import dev.parley.api.*;

                public class Helper {
                    @OnTranscript
                    String answer(String text) {
                        return text;
                    }
                }
                """);
        assertSingleError(compile(file),
                Message.HANDLER_OUTSIDE_AGENT.format("@OnTranscript", "answer(...)", "com.acme.Helper", "com.acme.Helper#answer()"),
                "@OnTranscript method answer(...) is in com.acme.Helper, which is not annotated @VoiceAgent, so Parley "
                        + "never calls it. Annotate the class with @VoiceAgent(id = \"...\")",
                file, "String answer(String text)");
    }

    @Test
    @Covers(Message.HANDLER_OUTSIDE_AGENT)
    void handlerInAClassNestedInAnAgentIsOutsideIt() {
        JavaFileObject file = agent("""
                @OnTranscript
                String answer(String text) {
                    return text;
                }

                static class Helper {
                    @OnSessionEnd
                    void ended() {
                    }
                }""");
        Compiled compiled = compile(file);
        String expected = Message.HANDLER_OUTSIDE_AGENT.format("@OnSessionEnd", "ended()", "com.acme.EchoAgent.Helper",
                "com.acme.EchoAgent.Helper#ended()");
        assertThat(compiled.compilation()).failed();
        assertEquals(List.of(expected), messages(compiled.compilation().errors()));
        assertThat(compiled.compilation()).hadErrorContaining(expected).inFile(file).onLineContaining("void ended()");
        // the agent itself is fine, so it is generated; the helper's handler simply is not part of it
        assertEquals(List.of("source com.acme.EchoAgent_Invoker", "source com.acme.EchoAgent_Descriptor",
                "resource " + ProcessorTesting.SERVICE_FILE), compiled.created());
    }

    @Test
    @Covers(Message.HANDLER_PRIVATE)
    void privateHandler() {
        JavaFileObject file = agent("""
                @OnTranscript
                private String answer(String text) {
                    return text;
                }""");
        assertSingleError(compile(file),
                Message.HANDLER_PRIVATE.format("@OnTranscript", "answer(...)", "com.acme.EchoAgent#answer()"),
                "@OnTranscript method answer(...) must not be private: the generated invoker calls it directly. "
                        + "Make it package-private or public. (com.acme.EchoAgent#answer())",
                file, "private String answer(String text)");
    }

    @Test
    @Covers(Message.HANDLER_STATIC)
    void staticHandler() {
        JavaFileObject file = agent("""
                @OnSessionEnd
                static void ended(SessionEnd end) {
                }""");
        assertSingleError(compile(file),
                Message.HANDLER_STATIC.format("@OnSessionEnd", "ended(...)", "com.acme.EchoAgent#ended()"),
                "@OnSessionEnd method ended(...) must not be static: handlers run on the session's own agent instance. "
                        + "Remove 'static'. (com.acme.EchoAgent#ended())",
                file, "static void ended(SessionEnd end)");
    }

    @Test
    @Covers(Message.HANDLER_DUPLICATE)
    void twoHandlersOfOneKind() {
        JavaFileObject file = agent("""
                @OnTranscript
                String first() {
                    return "one";
                }

                @OnTranscript
                String second(String text) {
                    return text;
                }""");
        assertSingleError(compile(file),
                Message.HANDLER_DUPLICATE.format("@OnTranscript", "com.acme.EchoAgent", "first()", "second(...)"),
                "@OnTranscript is declared twice in com.acme.EchoAgent: first() and second(...). An agent has at most "
                        + "one; merge them into one method.",
                file, "String second(String text)");
    }

    @Test
    @Covers(Message.HANDLER_TWO_ANNOTATIONS)
    void oneMethodWithTwoHandlerAnnotations() {
        JavaFileObject file = agent("""
                @OnContextUpdate
                @OnTranscript
                void heard(String text) {
                }""");
        assertSingleError(compile(file),
                Message.HANDLER_TWO_ANNOTATIONS.format("com.acme.EchoAgent#heard()", "@OnTranscript", "@OnContextUpdate"),
                "com.acme.EchoAgent#heard() carries both @OnTranscript and @OnContextUpdate; a method handles one "
                        + "event. Split it into two methods.",
                file, "void heard(String text)");
    }

    @Test
    @Covers(Message.HANDLER_GENERIC)
    void genericHandler() {
        JavaFileObject file = agent("""
                @OnInterruption
                <T> void interrupted(Interruption interruption) {
                }""");
        assertSingleError(compile(file),
                Message.HANDLER_GENERIC.format("@OnInterruption", "interrupted(...)", "com.acme.EchoAgent#interrupted()"),
                "@OnInterruption method interrupted(...) must not declare type parameters: Parley cannot choose them. "
                        + "Remove them. (com.acme.EchoAgent#interrupted())",
                file, "<T> void interrupted(Interruption interruption)");
    }

    @ParameterizedTest(name = "throws {0}")
    @CsvSource({"Throwable, java.lang.Throwable", "com.acme.Odd, com.acme.Odd"})
    @Covers(Message.HANDLER_THROWS_THROWABLE)
    void handlerThrowingMoreThanExceptions(String thrown, String displayed) {
        JavaFileObject odd = source("Odd", """
                package com.acme;

                /** Checked, but not an Exception. */
                public class Odd extends Throwable {
                }
                """);
        JavaFileObject file = agent("""
                @OnTranscript
                String answer(String text) throws java.io.IOException, %s {
                    return text;
                }""".formatted(thrown));
        assertSingleError(compile(file, odd),
                Message.HANDLER_THROWS_THROWABLE.format("@OnTranscript", "answer(...)", displayed,
                        "com.acme.EchoAgent#answer()"),
                "@OnTranscript method answer(...) declares 'throws " + displayed + "', a checked throwable that is not an "
                        + "Exception, which Parley cannot pass on. Declare 'throws Exception' at most. (com.acme.EchoAgent#answer())",
                file, "String answer(String text) throws");
    }

    @Test
    @Covers(Message.PARAMETER_NOT_ALLOWED)
    void parameterTheHandlerCannotReceive() {
        JavaFileObject file = agent("""
                @OnSessionStart
                String started(AgentSession session,
                               String text) {
                    return text;
                }""");
        assertSingleError(compile(file),
                Message.PARAMETER_NOT_ALLOWED.format("text", "java.lang.String", "@OnSessionStart", "started(...)",
                        "AgentSession", "com.acme.EchoAgent#started()"),
                "Parameter 'text' of type java.lang.String of @OnSessionStart method started(...) cannot be supplied. "
                        + "Allowed parameter types: AgentSession. (com.acme.EchoAgent#started())",
                file, "String text) {");
    }

    @ParameterizedTest(name = "@{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            OnTranscript    | CharSequence text           | java.lang.CharSequence     | Transcript, AgentSession, String
            OnTranscript    | int times                   | int                        | Transcript, AgentSession, String
            OnError         | RuntimeException error      | java.lang.RuntimeException | AgentSession, Throwable
            OnAudio         | byte[] samples              | byte[]                     | AgentSession, AudioFrame
            OnInterruption  | String heard                | java.lang.String           | AgentSession, Interruption
            OnSessionEnd    | Transcript last             | dev.parley.api.Transcript  | AgentSession, SessionEnd
            OnContextUpdate | Object context              | java.lang.Object           | AgentSession, String
            """)
    @Covers(Message.PARAMETER_NOT_ALLOWED)
    void parametersEachHandlerRefuses(String annotation, String parameter, String type, String allowed) {
        String name = parameter.substring(parameter.indexOf(' ') + 1);
        JavaFileObject file = agent("""
                @%s
                void handle(AgentSession session, %s) {
                }""".formatted(annotation, parameter));
        assertSingleError(compile(file),
                Message.PARAMETER_NOT_ALLOWED.format(name, type, "@" + annotation, "handle(...)", allowed,
                        "com.acme.EchoAgent#handle()"),
                "Parameter '" + name + "' of type " + type + " of @" + annotation + " method handle(...) cannot be "
                        + "supplied. Allowed parameter types: " + allowed + ".",
                file, "void handle(AgentSession session");
    }

    @Test
    @Covers(Message.PARAMETER_REPEATED)
    void parameterKindTwice() {
        JavaFileObject file = agent("""
                @OnTranscript
                String answer(String text,
                              Transcript transcript,
                              String again) {
                    return text + again;
                }""");
        assertSingleError(compile(file),
                Message.PARAMETER_REPEATED.format("@OnTranscript", "answer(...)", "String", "again",
                        "com.acme.EchoAgent#answer()"),
                "@OnTranscript method answer(...) declares String twice; each kind of parameter may appear once. "
                        + "Remove 'again'. (com.acme.EchoAgent#answer())",
                file, "String again) {");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            List<String>                  | java.util.List<java.lang.String>
            int                           | int
            Object                        | java.lang.Object
            Optional<String>              | java.util.Optional<java.lang.String>
            CompletionStage<Integer>      | java.util.concurrent.CompletionStage<java.lang.Integer>
            CompletableFuture<?>          | java.util.concurrent.CompletableFuture<?>
            java.util.stream.Stream       | java.util.stream.Stream
            Flow.Publisher<Object>        | java.util.concurrent.Flow.Publisher<java.lang.Object>
            String[]                      | java.lang.String[]
            """)
    @Covers(Message.RETURN_NOT_ALLOWED)
    void resultParleyCannotSend(String returned, String displayed) {
        JavaFileObject file = agent("""
                @OnTranscript
                %s answer(String text) {
                    throw new UnsupportedOperationException();
                }""".formatted(returned));
        assertSingleError(compile(file),
                Message.RETURN_NOT_ALLOWED.format("@OnTranscript", "answer(...)", displayed, ALL_RETURNS,
                        "com.acme.EchoAgent#answer()"),
                "@OnTranscript method answer(...) returns " + displayed + ", which Parley cannot send. Return void, "
                        + "String, CompletionStage<String>, Stream<String> or Flow.Publisher<String>. "
                        + "(com.acme.EchoAgent#answer())",
                file, returned + " answer(String text)");
    }

    @Test
    @Covers(Message.RETURN_NOT_ALLOWED)
    void sessionStartResultParleyCannotSend() {
        JavaFileObject file = agent("""
                @OnSessionStart
                Map<String, String> started() {
                    return Map.of();
                }""");
        assertSingleError(compile(file),
                Message.RETURN_NOT_ALLOWED.format("@OnSessionStart", "started()", "java.util.Map<java.lang.String,java.lang.String>",
                        ALL_RETURNS, "com.acme.EchoAgent#started()"),
                "@OnSessionStart method started() returns java.util.Map<java.lang.String,java.lang.String>, which Parley "
                        + "cannot send.",
                file, "Map<String, String> started()");
    }

    @ParameterizedTest(name = "@{0} returning {1}")
    @CsvSource(delimiter = '|', textBlock = """
            OnContextUpdate | String                  | java.lang.String
            OnInterruption  | boolean                 | boolean
            OnAudio         | CompletionStage<String> | java.util.concurrent.CompletionStage<java.lang.String>
            OnSessionEnd    | Object                  | java.lang.Object
            OnError         | String                  | java.lang.String
            """)
    @Covers(Message.RETURN_NOT_VOID)
    void resultNobodyReceives(String annotation, String returned, String displayed) {
        JavaFileObject file = agent("""
                @%s
                %s handle() {
                    throw new UnsupportedOperationException();
                }""".formatted(annotation, returned));
        assertSingleError(compile(file),
                Message.RETURN_NOT_VOID.format("@" + annotation, "handle()", displayed, "@" + annotation,
                        "com.acme.EchoAgent#handle()"),
                "@" + annotation + " method handle() returns " + displayed + ", but nothing receives the result of @"
                        + annotation + ". Return void. (com.acme.EchoAgent#handle())",
                file, returned + " handle()");
    }
}
