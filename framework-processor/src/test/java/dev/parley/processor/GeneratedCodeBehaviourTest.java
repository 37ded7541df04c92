package dev.parley.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.parley.processor.ProcessorTesting.compile;
import static dev.parley.processor.ProcessorTesting.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.parley.api.AgentSession;
import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.api.Interruption;
import dev.parley.api.SessionEnd;
import dev.parley.api.Transcript;
import dev.parley.api.VoiceAgent;
import dev.parley.api.spi.AgentDescriptor;
import dev.parley.api.spi.AgentInvoker;
import dev.parley.api.spi.Handler;
import dev.parley.api.spi.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles agents, loads the classes Parley generated through {@link ServiceLoader} as the runtime does, and
 * calls them: the descriptors describe, the invokers call the right handler with the right arguments and
 * turn each result into the right {@link Reply}.
 */
class GeneratedCodeBehaviourTest {
    private static final AgentSession SESSION = new TestSession("full", "xuna");

    @TempDir
    static Path classes;
    private static URLClassLoader loader;
    /** Every descriptor ServiceLoader found, by agent id. */
    private static Map<String, AgentDescriptor<?>> descriptors;

    @BeforeAll
    static void compileAndLoad() throws IOException {
        List<JavaFileObject> sources = new ArrayList<>();
        for (String agent : GoldenFilesTest.AGENTS) {
            sources.add(JavaFileObjects.forResource("agents/com/acme/" + agent + ".java"));
        }
        sources.add(source("Replies", """
                package com.acme;

                import dev.parley.api.*;
                import java.io.IOException;
                import java.util.List;
                import java.util.concurrent.*;
                import java.util.stream.Stream;

                /** One agent per kind of result. */
                public class Replies {
                    @VoiceAgent(id = "built")
                    public static class Built {
                        @OnTranscript
                        StringBuilder answer(String text) {
                            return new StringBuilder(text).reverse();
                        }
                    }

                    @VoiceAgent(id = "silent")
                    public static class Silent {
                        @OnTranscript
                        String answer() {
                            return null;
                        }

                        @OnSessionStart
                        CompletionStage<String> started() {
                            return null;
                        }
                    }

                    @VoiceAgent(id = "listener")
                    public static class Listener {
                        public int heard;

                        @OnTranscript
                        void answer(Transcript transcript) {
                            heard++;
                        }
                    }

                    @VoiceAgent(id = "echo")
                    public static class Echo {
                        @OnAudio(blocking = false)
                        void echo(AudioFrame frame, AgentSession session) {
                            session.sendAudio(frame);
                        }
                    }

                    @VoiceAgent(id = "recorder")
                    public static class Recorder {
                        @OnAudio(blocking = true)
                        void keep(AudioFrame frame) {
                        }
                    }

                    @VoiceAgent(id = "later")
                    public static class Later {
                        @OnTranscript
                        CompletionStage<String> answer(String text) {
                            return CompletableFuture.supplyAsync(() -> text + " later");
                        }
                    }

                    @VoiceAgent(id = "streamed")
                    public static class Streamed {
                        @OnTranscript
                        Stream<String> answer(String text) {
                            return Stream.of(text.split(" "));
                        }

                        @OnSessionStart
                        Stream<StringBuilder> started() {
                            return Stream.of(new StringBuilder("a"), new StringBuilder("b"));
                        }
                    }

                    @VoiceAgent(id = "published")
                    public static class Published {
                        @OnTranscript
                        Flow.Publisher<String> answer(String text) {
                            return subscriber -> {
                                subscriber.onSubscribe(new Flow.Subscription() {
                                    @Override
                                    public void request(long n) {
                                    }

                                    @Override
                                    public void cancel() {
                                    }
                                });
                                for (String word : text.split(" ")) {
                                    subscriber.onNext(word);
                                }
                                subscriber.onComplete();
                            };
                        }
                    }

                    @VoiceAgent(id = "checked-constructor")
                    public static class CheckedConstructor {
                        public CheckedConstructor() throws IOException {
                            throw new IOException("no disk");
                        }
                    }

                    @VoiceAgent(id = "unchecked-constructor")
                    public static class UncheckedConstructor {
                        public UncheckedConstructor() throws IllegalArgumentException {
                            throw new IllegalArgumentException("bad");
                        }
                    }

                    @VoiceAgent(id = "fine-constructor")
                    public static class FineConstructor {
                        public FineConstructor() throws IOException, InterruptedException {
                        }
                    }
                }
                """));
        Compilation compilation = compile(ProcessorTesting.PROJECT_LINT, sources.toArray(JavaFileObject[]::new))
                .compilation();
        assertThat(compilation).succeededWithoutWarnings();
        for (JavaFileObject file : compilation.generatedFiles()) {
            String path = file.toUri().getPath();
            String prefix = "/" + StandardLocation.CLASS_OUTPUT.getName() + "/";
            if (path.startsWith(prefix)) {
                Path target = classes.resolve(path.substring(prefix.length()));
                Files.createDirectories(target.getParent());
                try (InputStream in = file.openInputStream(); OutputStream out = Files.newOutputStream(target)) {
                    in.transferTo(out);
                }
            }
        }
        loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
                GeneratedCodeBehaviourTest.class.getClassLoader());
        descriptors = new TreeMap<>();
        for (AgentDescriptor<?> descriptor : ServiceLoader.load(AgentDescriptor.class, loader)) {
            descriptors.put(descriptor.id(), descriptor);
        }
    }

    @AfterAll
    static void closeLoader() throws IOException {
        loader.close();
    }

    @Test
    void serviceLoaderFindsEveryAgent() {
        assertEquals(Set.of("full", "minimal", "inner", "built", "silent", "listener", "echo", "recorder", "later", "streamed",
                        "published", "checked-constructor", "unchecked-constructor", "fine-constructor"),
                descriptors.keySet());
        assertEquals("com.acme.Outer_Inner_Descriptor", descriptors.get("inner").getClass().getName());
        assertEquals("com.acme.Replies_Later_Descriptor", descriptors.get("later").getClass().getName());
    }

    @Test
    void descriptorDescribesTheAnnotation() {
        AgentDescriptor<Object> full = descriptor("full");
        assertEquals("full", full.id());
        assertEquals(List.of("xuna", "playai"), full.dialects());
        assertEquals("Hello, \"friend\"!", full.greeting());
        assertEquals(VoiceAgent.Access.PRIVATE, full.access());
        assertEquals("com.acme.FullAgent", full.agentClass().getName());
        assertTrue(full.speaks("playai"));
        assertTrue(!full.speaks("nextevi"));
        assertSame(full.invoker(), full.invoker());

        AgentDescriptor<Object> minimal = descriptor("minimal");
        assertEquals(List.of(), minimal.dialects());
        assertEquals("", minimal.greeting());
        assertEquals(VoiceAgent.Access.PUBLIC, minimal.access());
        assertTrue(minimal.speaks("amigo"));
        assertEquals(List.of("nextevi"), descriptor("inner").dialects());
        assertEquals("com.acme.Outer$Inner", descriptor("inner").agentClass().getName());
    }

    @Test
    void onlyAnAudioHandlerDeclaredNonBlockingSaysItDoesNotBlock() {
        assertFalse(descriptor("echo").audioHandlerBlocks());
        assertTrue(descriptor("recorder").audioHandlerBlocks());
        assertTrue(descriptor("full").audioHandlerBlocks(), "@OnAudio without blocking = ...");
        assertTrue(descriptor("minimal").audioHandlerBlocks(), "no @OnAudio at all");
    }

    @Test
    void newInstanceCreatesAFreshAgentEachTime() {
        AgentDescriptor<Object> full = descriptor("full");
        Object first = full.newInstance();
        Object second = full.newInstance();
        assertInstanceOf(full.agentClass(), first);
        assertNotSame(first, second);
        assertInstanceOf(descriptor("inner").agentClass(), descriptor("inner").newInstance());
    }

    @Test
    void newInstanceIsNullWithOnlyAnInjectConstructor() {
        assertNull(descriptor("minimal").newInstance());
    }

    @Test
    void newInstanceWrapsACheckedConstructorException() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> descriptor("checked-constructor").newInstance());
        assertEquals("Could not create com.acme.Replies.CheckedConstructor", thrown.getMessage());
        assertInstanceOf(IOException.class, thrown.getCause());
        assertEquals("no disk", thrown.getCause().getMessage());
    }

    @Test
    void newInstancePassesAnUncheckedConstructorExceptionThrough() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> descriptor("unchecked-constructor").newInstance());
        assertEquals("bad", thrown.getMessage());
        assertNotNull(descriptor("fine-constructor").newInstance());
    }

    @Test
    void handlersReportExactlyTheDeclaredKinds() {
        assertEquals(EnumSet.allOf(Handler.class), descriptor("full").invoker().handlers());
        assertEquals(EnumSet.of(Handler.TRANSCRIPT), descriptor("minimal").invoker().handlers());
        assertEquals(EnumSet.of(Handler.TRANSCRIPT, Handler.SESSION_END), descriptor("inner").invoker().handlers());
        assertEquals(EnumSet.of(Handler.TRANSCRIPT, Handler.SESSION_START), descriptor("silent").invoker().handlers());
        assertEquals(EnumSet.noneOf(Handler.class), descriptor("fine-constructor").invoker().handlers());
        Set<Handler> handlers = descriptor("full").invoker().handlers();
        assertThrows(UnsupportedOperationException.class, () -> handlers.remove(Handler.AUDIO));
    }

    @Test
    void transcriptReplyIsTheAgentsAnswer() throws Exception {
        AgentDescriptor<Object> full = descriptor("full");
        Object agent = full.newInstance();
        assertEquals(new Reply.Text("You typed 'hello there' in xuna"),
                full.invoker().onTranscript(agent, Transcript.typed("hello there"), SESSION));
        assertEquals(new Reply.Text("You said 'hi' in playai"),
                full.invoker().onTranscript(agent, Transcript.spoken("hi", true), new TestSession("full", "playai")));
    }

    @Test
    void sessionStartReplyIsSaid() throws Exception {
        AgentDescriptor<Object> full = descriptor("full");
        assertEquals(new Reply.Text("Welcome to full"), full.invoker().onSessionStart(full.newInstance(), SESSION));
    }

    @Test
    void handlerExceptionsReachTheCallerUnchanged() {
        AgentDescriptor<Object> full = descriptor("full");
        IOException thrown = assertThrows(IOException.class,
                () -> full.invoker().onTranscript(full.newInstance(), Transcript.typed("fail"), SESSION));
        assertEquals("asked to fail", thrown.getMessage());
    }

    @Test
    void voidHandlersReceiveTheirEvents() throws Exception {
        AgentDescriptor<Object> full = descriptor("full");
        AgentInvoker<Object> invoker = full.invoker();
        Object agent = full.newInstance();
        invoker.onInterruption(agent, new Interruption(7, "Hello there, how", "Hello"), SESSION);
        invoker.onAudio(agent, new AudioFrame(AudioFormat.PCM16_16K, new byte[320]), SESSION);
        invoker.onContextUpdate(agent, "user opened the cart", SESSION);
        invoker.onError(agent, new IllegalStateException("boom"), SESSION);
        invoker.onSessionEnd(agent, new SessionEnd(SessionEnd.Reason.CLIENT_CLOSED, 1000, ""), SESSION);
        assertEquals(List.of("interrupted after 'Hello'", "audio 160", "context 'user opened the cart' for conversation-1",
                "error boom", "ended CLIENT_CLOSED"), agent.getClass().getMethod("events").invoke(agent));
    }

    @Test
    void missingHandlersDoNothing() throws Exception {
        AgentDescriptor<Object> minimal = descriptor("minimal");
        Object agent = minimal.agentClass().getConstructor(String.class).newInstance("Minnie");
        AgentInvoker<Object> invoker = minimal.invoker();
        assertEquals(new Reply.Text("This is Minnie."), invoker.onTranscript(agent, Transcript.typed("who?"), null));
        assertSame(Reply.none(), invoker.onSessionStart(agent, null));
        invoker.onInterruption(agent, null, null);
        invoker.onAudio(agent, null, null);
        invoker.onContextUpdate(agent, null, null);
        invoker.onSessionEnd(agent, null, null);
        invoker.onError(agent, null, null);
    }

    @Test
    void charSequenceBecomesText() throws Exception {
        assertEquals(new Reply.Text("olleh"), transcript("built", "hello"));
    }

    @Test
    void nullAndVoidMeanNoReply() throws Exception {
        assertSame(Reply.none(), transcript("silent", "hello"));
        AgentDescriptor<Object> silent = descriptor("silent");
        assertSame(Reply.none(), silent.invoker().onSessionStart(silent.newInstance(), SESSION));

        AgentDescriptor<Object> listener = descriptor("listener");
        Object agent = listener.newInstance();
        assertSame(Reply.none(), listener.invoker().onTranscript(agent, Transcript.typed("one"), SESSION));
        assertSame(Reply.none(), listener.invoker().onTranscript(agent, Transcript.typed("two"), SESSION));
        assertEquals(2, agent.getClass().getField("heard").getInt(agent), "the void handler ran each time");
    }

    @Test
    void completionStageBecomesLater() throws Exception {
        Reply reply = transcript("later", "see you");
        Reply.Later later = assertInstanceOf(Reply.Later.class, reply);
        assertEquals("see you later", later.text().toCompletableFuture().join());
        Reply inner = transcript("inner", "shout");
        assertEquals("SHOUT", assertInstanceOf(Reply.Later.class, inner).text().toCompletableFuture().join());
    }

    @Test
    void streamBecomesStreamed() throws Exception {
        Reply.Streamed streamed = assertInstanceOf(Reply.Streamed.class, transcript("streamed", "one two three"));
        assertEquals(List.of("one", "two", "three"),
                streamed.chunks().map(CharSequence::toString).collect(Collectors.toList()));
        AgentDescriptor<Object> descriptor = descriptor("streamed");
        Reply start = descriptor.invoker().onSessionStart(descriptor.newInstance(), SESSION);
        assertEquals(List.of("a", "b"), assertInstanceOf(Reply.Streamed.class, start).chunks()
                .map(CharSequence::toString).collect(Collectors.toList()));
    }

    @Test
    void publisherBecomesPublished() throws Exception {
        Reply.Published published = assertInstanceOf(Reply.Published.class, transcript("published", "to the moon"));
        List<String> chunks = new ArrayList<>();
        published.chunks().subscribe(new Flow.Subscriber<CharSequence>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(CharSequence item) {
                chunks.add(item.toString());
            }

            @Override
            public void onError(Throwable throwable) {
                chunks.add("error " + throwable);
            }

            @Override
            public void onComplete() {
                chunks.add("done");
            }
        });
        assertEquals(List.of("to", "the", "moon", "done"), chunks);
    }

    /** The reply of the {@code id} agent's transcript handler to a typed {@code text}. */
    private static Reply transcript(String id, String text) throws Exception {
        AgentDescriptor<Object> descriptor = descriptor(id);
        return descriptor.invoker().onTranscript(descriptor.newInstance(), Transcript.typed(text), SESSION);
    }

    @SuppressWarnings("unchecked")
    private static AgentDescriptor<Object> descriptor(String id) {
        AgentDescriptor<?> descriptor = descriptors.get(id);
        assertNotNull(descriptor, () -> "no descriptor for " + id + " among " + descriptors.keySet());
        return (AgentDescriptor<Object>) descriptor;
    }
}
