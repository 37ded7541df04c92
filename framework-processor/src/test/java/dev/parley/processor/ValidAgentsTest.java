package dev.parley.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.parley.processor.ProcessorTesting.compile;
import static dev.parley.processor.ProcessorTesting.generatedSource;
import static dev.parley.processor.ProcessorTesting.serviceFile;
import static dev.parley.processor.ProcessorTesting.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every handler kind, every allowed result and every parameter order compiles, with the project's own lint
 * options, without a single warning, and each generated call passes the right argument in each position.
 * All agents are compiled together, once.
 */
class ValidAgentsTest {
    /** Result types {@code @OnTranscript} and {@code @OnSessionStart} may declare. */
    static final List<String> RESULTS = List.of(
            "void", "String", "CharSequence", "StringBuilder",
            "CompletionStage<String>", "CompletableFuture<String>", "CompletionStage<? extends CharSequence>",
            "Stream<String>", "Stream<StringBuilder>", "Flow.Publisher<String>", "SubmissionPublisher<String>");

    /** Every order of every subset of {@code @OnTranscript}'s parameters. */
    static final List<List<String>> TRANSCRIPT_PARAMETERS = orders(List.of("Transcript", "AgentSession", "String"));

    /** For the other void handlers: their event type, then the orders of (event, session) to try. */
    static final Map<String, String> EVENTS = new LinkedHashMap<>();

    static {
        EVENTS.put("OnInterruption", "Interruption");
        EVENTS.put("OnAudio", "AudioFrame");
        EVENTS.put("OnContextUpdate", "String");
        EVENTS.put("OnSessionEnd", "SessionEnd");
        EVENTS.put("OnError", "Exception");
    }

    private static Compilation compilation;
    private static final List<JavaFileObject> SOURCES = new ArrayList<>();

    @BeforeAll
    static void compileAll() {
        for (int i = 0; i < RESULTS.size(); i++) {
            SOURCES.add(resultAgent(i));
        }
        for (int i = 0; i < TRANSCRIPT_PARAMETERS.size(); i++) {
            SOURCES.add(transcriptAgent(i));
        }
        List<List<String>> eventOrders = orders(List.of("EVENT", "AgentSession"));
        for (int i = 0; i < eventOrders.size(); i++) {
            SOURCES.add(eventAgent(i, eventOrders.get(i)));
        }
        SOURCES.add(source("Shapes", """
                package com.acme;

                import dev.parley.api.*;

                /** Agents in places a processor might mishandle. */
                public interface Shapes {
                    /** A member of an interface is implicitly public and static. */
                    @VoiceAgent(id = "in-interface")
                    class InInterface {
                        @OnTranscript
                        String answer(String text) {
                            return text;
                        }
                    }

                    /** Package-private, two levels deep, with both constructors. */
                    class Holder {
                        @VoiceAgent(id = "deep")
                        static final class Deep {
                            Deep() {
                            }

                            @jakarta.inject.Inject
                            Deep(String name) {
                            }

                            @OnError
                            protected void failed(Throwable error) throws Error, RuntimeException {
                            }
                        }
                    }
                }
                """));
        SOURCES.add(JavaFileObjects.forSourceString("RootAgent", """
                import dev.parley.api.*;

                /** In the unnamed package. */
                @VoiceAgent(id = "root")
                public class RootAgent {
                    @OnTranscript
                    public String answer(String text) {
                        return text;
                    }
                }
                """));
        compilation = compile(ProcessorTesting.PROJECT_LINT, SOURCES.toArray(JavaFileObject[]::new)).compilation();
    }

    @Test
    void everythingCompilesWithoutAnyWarning() {
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void serviceFileListsEveryAgent() {
        String services = serviceFile(compilation).orElseThrow();
        List<String> lines = services.lines().collect(Collectors.toList());
        // one agent per source, but Shapes holds two
        assertEquals(SOURCES.size() + 1, lines.size(), services);
        assertEquals(lines.stream().sorted().collect(Collectors.toList()), lines, "sorted");
        assertTrue(lines.contains("RootAgent_Descriptor"), services);
        assertTrue(lines.contains("com.acme.Shapes_InInterface_Descriptor"), services);
        assertTrue(lines.contains("com.acme.Shapes_Holder_Deep_Descriptor"), services);
        assertTrue(lines.contains("com.acme.Returns0_Descriptor"), services);
    }

    static List<Integer> resultIndexes() {
        return indexes(RESULTS.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resultIndexes")
    void eachResultIsTurnedIntoAReply(int index) {
        String invoker = generatedSource(compilation, "com/acme/Returns" + index + "_Invoker.java");
        if (RESULTS.get(index).equals("void")) {
            assertContains(invoker, "agent.started(session);\n    return Reply.none();");
            assertContains(invoker, "agent.answer(transcript.text());\n    return Reply.none();");
        } else {
            assertContains(invoker, "return Reply.of(agent.started(session));");
            assertContains(invoker, "return Reply.of(agent.answer(transcript.text()));");
        }
    }

    static List<Integer> transcriptIndexes() {
        return indexes(TRANSCRIPT_PARAMETERS.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcriptIndexes")
    void transcriptArgumentsFollowTheParameterOrder(int index) {
        String arguments = TRANSCRIPT_PARAMETERS.get(index).stream()
                .map(type -> switch (type) {
                    case "Transcript" -> "transcript";
                    case "AgentSession" -> "session";
                    case "String" -> "transcript.text()";
                    default -> throw new AssertionError(type);
                })
                .collect(Collectors.joining(", "));
        String invoker = generatedSource(compilation, "com/acme/Hears" + index + "_Invoker.java");
        assertContains(invoker, "return Reply.of(agent.answer(" + arguments + "));");
        assertContains(invoker, "EnumSet.of(Handler.TRANSCRIPT)");
    }

    @Test
    void eventArgumentsFollowTheParameterOrder() {
        List<List<String>> orders = orders(List.of("EVENT", "AgentSession"));
        for (int i = 0; i < orders.size(); i++) {
            String invoker = generatedSource(compilation, "com/acme/Events" + i + "_Invoker.java");
            for (Map.Entry<String, String> event : EVENTS.entrySet()) {
                String argument = switch (event.getValue()) {
                    case "Interruption" -> "interruption";
                    case "AudioFrame" -> "frame";
                    case "String" -> "text";
                    case "SessionEnd" -> "end";
                    default -> "error";
                };
                String arguments = orders.get(i).stream().map(type -> type.equals("EVENT") ? argument : "session")
                        .collect(Collectors.joining(", "));
                assertContains(invoker, "agent.handle" + event.getKey().substring(2) + "(" + arguments + ");");
            }
            assertContains(invoker, "EnumSet.of(Handler.SESSION_START, Handler.INTERRUPTION, Handler.AUDIO, "
                    + "Handler.CONTEXT_UPDATE, Handler.SESSION_END, Handler.ERROR)");
        }
    }

    @Test
    void noArgumentConstructorIsPreferredOverTheInjectOne() {
        assertContains(generatedSource(compilation, "com/acme/Shapes_Holder_Deep_Descriptor.java"),
                "public Shapes.Holder.Deep newInstance() {\n    return new Shapes.Holder.Deep();\n  }");
    }

    @Test
    void unnamedPackageAgentGetsUnqualifiedClasses() {
        String descriptor = generatedSource(compilation, "RootAgent_Descriptor.java");
        assertTrue(descriptor.startsWith("import dev.parley.api.VoiceAgent;"), descriptor);
        assertContains(descriptor, "public final class RootAgent_Descriptor implements AgentDescriptor<RootAgent> {");
    }

    /** {@code Returns<i>}: transcript and session-start handlers returning {@code RESULTS.get(i)}. */
    private static JavaFileObject resultAgent(int index) {
        String type = RESULTS.get(index);
        String value = switch (type) {
            case "void" -> "";
            case "String", "CharSequence" -> "text";
            case "StringBuilder" -> "new StringBuilder(text)";
            case "CompletionStage<String>", "CompletableFuture<String>", "CompletionStage<? extends CharSequence>" ->
                    "CompletableFuture.completedFuture(text)";
            case "Stream<String>" -> "Stream.of(text)";
            case "Stream<StringBuilder>" -> "Stream.of(new StringBuilder(text))";
            case "Flow.Publisher<String>", "SubmissionPublisher<String>" -> "new SubmissionPublisher<>()";
            default -> throw new AssertionError(type);
        };
        String body = value.isEmpty() ? "" : "return " + value + ";";
        return source("Returns" + index, """
                package com.acme;

                import dev.parley.api.*;
                import java.util.concurrent.*;
                import java.util.stream.Stream;

                @VoiceAgent(id = "returns-%d")
                public class Returns%d {
                    @OnSessionStart
                    %s started(AgentSession session) {
                        String text = "hi";
                        %s
                    }

                    @OnTranscript
                    %s answer(String text) throws Exception {
                        %s
                    }
                }
                """.formatted(index, index, type, body, type, body));
    }

    /** {@code Hears<i>}: a transcript handler taking {@code TRANSCRIPT_PARAMETERS.get(i)}. */
    private static JavaFileObject transcriptAgent(int index) {
        List<String> types = TRANSCRIPT_PARAMETERS.get(index);
        String parameters = indexes(types.size()).stream().map(i -> types.get(i) + " p" + i)
                .collect(Collectors.joining(", "));
        return source("Hears" + index, """
                package com.acme;

                import dev.parley.api.*;

                @VoiceAgent(id = "hears-%d", dialects = {Dialects.XUNA, Dialects.PLAYAI, Dialects.NEXTEVI, Dialects.XRX, Dialects.AMIGO})
                class Hears%d {
                    @OnTranscript
                    public String answer(%s) throws java.io.IOException, InterruptedException {
                        return "ok";
                    }
                }
                """.formatted(index, index, parameters));
    }

    /** {@code Events<i>}: every void handler, each taking its event and the session in {@code order}. */
    private static JavaFileObject eventAgent(int index, List<String> order) {
        StringBuilder handlers = new StringBuilder();
        for (Map.Entry<String, String> event : EVENTS.entrySet()) {
            String parameters = indexes(order.size()).stream()
                    .map(i -> (order.get(i).equals("EVENT") ? event.getValue() : "AgentSession") + " p" + i)
                    .collect(Collectors.joining(", "));
            handlers.append("""
                        @%s
                        void handle%s(%s) {
                        }

                    """.formatted(event.getKey(), event.getKey().substring(2), parameters));
        }
        return source("Events" + index, """
                package com.acme;

                import dev.parley.api.*;

                @VoiceAgent(id = "events-%d")
                public class Events%d {
                    @OnSessionStart
                    void started() {
                    }

                %s}
                """.formatted(index, index, handlers));
    }

    /** Every order of every subset of {@code items}, the empty one first. */
    static List<List<String>> orders(List<String> items) {
        List<List<String>> result = new ArrayList<>();
        result.add(List.of());
        for (String item : items) {
            List<List<String>> longer = new ArrayList<>();
            for (List<String> shorter : result) {
                if (!shorter.contains(item)) {
                    for (int at = 0; at <= shorter.size(); at++) {
                        List<String> order = new ArrayList<>(shorter);
                        order.add(at, item);
                        longer.add(order);
                    }
                }
            }
            result.addAll(longer);
        }
        return result;
    }

    private static List<Integer> indexes(int size) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            indexes.add(i);
        }
        return indexes;
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected\n" + expected + "\nin\n" + text);
    }
}
