package dev.parley.runtime.session;

import dev.parley.api.AgentSession;
import dev.parley.api.AudioFrame;
import dev.parley.api.ClientOverrides;
import dev.parley.api.ConversationTurn;
import dev.parley.api.Emotions;
import dev.parley.api.SessionEnd;
import dev.parley.api.ToolResult;
import dev.parley.api.Transcript;
import dev.parley.api.TurnTaking;
import dev.parley.api.spi.AgentDescriptor;
import dev.parley.api.spi.AgentInvoker;
import dev.parley.api.spi.Conversation;
import dev.parley.api.spi.ConversationEvents;
import dev.parley.api.spi.ConversationRecord;
import dev.parley.api.spi.ConversationStore;
import dev.parley.api.spi.ConversationSpec;
import dev.parley.api.spi.Handler;
import dev.parley.api.spi.Recognition;
import dev.parley.api.spi.Reply;
import dev.parley.runtime.audio.AudioConverter;
import dev.parley.runtime.speech.pipeline.SpeechInput;
import dev.parley.runtime.speech.pipeline.SpeechOutput;
import dev.parley.runtime.speech.pipeline.SpeechServices;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One conversation: the dialect drives it as a {@link Conversation}, the agent sees it as an
 * {@link AgentSession}. Every handler call goes through the session's {@link SerialExecutor}, so an agent
 * instance is only ever used by one thread at a time, in the order events arrived.
 *
 * @param <A> the agent class
 */
public final class ConversationSession<A> implements Conversation, AgentSession {
    private static final System.Logger LOG = System.getLogger(ConversationSession.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Queued handler calls per session before audio for {@code @OnAudio} is dropped (memory stays bounded). */
    static final int MAX_HANDLER_BACKLOG = 1_000;

    /** A handler call that may throw. */
    private interface HandlerCall<T> {
        T call() throws Exception;
    }

    private final String id;
    private final String dialect;
    private final ConversationSpec spec;
    private final AgentDescriptor<A> descriptor;
    private final AgentInvoker<A> invoker;
    private final AgentInstances instances;
    private final SerialExecutor serial;
    /** Where {@code @OnAudio} runs: the serial executor, on the caller's thread when allowed and idle. */
    private final InlineAudio audioCalls;
    private final Output output;
    private final Responses responses;
    private final AtomicLong eventIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ToolCalls toolCalls = new ToolCalls();
    private final History history;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final SpeechServices speech;
    private final ScheduledExecutorService timer;
    /** Speech work (hearing, pacing) runs apart from handlers, so barge-in works while a handler is busy. */
    private final SerialExecutor speechLane;
    private AgentInstances.Instance<A> instance;
    private AudioConverter agentAudio;
    /** Whether user speech is recognized: agents that take transcripts, in conversations that are not text-only. */
    private final boolean listening;
    private volatile SpeechInput speechInput;
    private volatile TurnTaking turnTaking;
    /** The event id reserved for the user turn being spoken, for its partial and final transcripts. */
    private volatile long spokenTurnId;
    /** Frames dropped in a row because the agent fell behind (only touched on the connection's I/O thread). */
    private int droppedAudio;

    /**
     * @throws IllegalArgumentException when {@code spec} continues a conversation the store does not have for this agent
     * @throws IllegalStateException    when {@code spec} continues a conversation and the store failed to load it (it is
     *                                  unreachable, say): the server's failure, not the client's; logged with the
     *                                  reference the message gives
     */
    public ConversationSession(String dialect, ConversationSpec spec, AgentDescriptor<A> descriptor, ConversationEvents events,
                               AgentInstances instances, Executor workers, SpeechServices speech,
                               ScheduledExecutorService timer, ConversationStore store) {
        ConversationRecord earlier = spec.continues().map(continued -> earlier(store, continued, descriptor.id()))
                .orElseGet(() -> new ConversationRecord("conv_" + randomHex(12), descriptor.id(), List.of()));
        this.id = earlier.conversationId();
        this.history = new History(earlier, store, workers, Clock.systemUTC());
        this.dialect = dialect;
        this.speech = speech;
        this.timer = timer;
        this.speechLane = new SerialExecutor(workers);
        this.turnTaking = speech.turnTaking(descriptor.id());
        this.listening = !spec.textOnly() && speech.canListen() && descriptor.invoker().handlers().contains(Handler.TRANSCRIPT);
        this.spec = spec;
        this.descriptor = descriptor;
        this.invoker = descriptor.invoker();
        this.instances = instances;
        this.serial = new SerialExecutor(workers);
        this.audioCalls = new InlineAudio(serial, speech.settings(), descriptor.id(), descriptor.audioHandlerBlocks(), id);
        this.output = new Output(events, history);
        this.responses = new Responses(output, new ReplyPlayer(workers), eventIds::incrementAndGet, this::replyFailed);
    }

    /** Starts a conversation for whichever agent {@code spec} names. */
    public static ConversationSession<?> start(String dialect, ConversationSpec spec, ConversationEvents events,
                                               AgentInstances instances, Executor workers, SpeechServices speech,
                                               ScheduledExecutorService timer, ConversationStore store) {
        return create(dialect, spec, spec.agent(), events, instances, workers, speech, timer, store);
    }

    private static <T> ConversationSession<T> create(String dialect, ConversationSpec spec, AgentDescriptor<T> descriptor,
                                                     ConversationEvents events, AgentInstances instances, Executor workers,
                                                     SpeechServices speech, ScheduledExecutorService timer,
                                                     ConversationStore store) {
        return new ConversationSession<>(dialect, spec, descriptor, events, instances, workers, speech, timer, store);
    }

    private static ConversationRecord earlier(ConversationStore store, String conversationId, String agentId) {
        Optional<ConversationRecord> found;
        try {
            found = store.load(conversationId);
        } catch (RuntimeException failure) {
            String reference = randomHex(4);
            LOG.log(Level.ERROR, "Agent " + agentId + ": loading conversation " + conversationId + " to continue it failed"
                    + " (ref " + reference + ")", failure);
            throw new IllegalStateException("The conversation cannot be loaded now (ref " + reference + ")", failure);
        }
        return found.filter(conversation -> conversation.agentId().equals(agentId))
                .orElseThrow(() -> new IllegalArgumentException("There is no conversation '" + conversationId
                        + "' with agent '" + agentId + "' to continue"));
    }

    // ---- Conversation: driven by the dialect ----

    @Override
    public String id() {
        return id;
    }

    @Override
    public void begin() {
        startSpeech();
        serial.execute(() -> {
            try {
                instance = instances.create(descriptor);
            } catch (RuntimeException failure) {
                String reference = report("creating the agent", failure);
                output.agentFailed("The agent could not be started (ref " + reference + ")");
                output.agentUnavailable("The agent could not be started (ref " + reference + ")");
                return;
            }
            Reply started = call(Handler.SESSION_START, () -> invoker.onSessionStart(instance.agent(), this));
            String greeting = spec.overrides().firstMessage().orElse(descriptor.greeting());
            if (!greeting.isBlank()) {
                responses.enqueueGreeting(greeting);
            }
            if (started != null) {
                responses.enqueue(started);
            }
        });
    }

    @Override
    public void userAudio(AudioFrame frame) {
        if (listening && !closed.get()) {
            speechLane.execute(() -> hear(frame));
        }
        if (!closed.get() && invoker.handlers().contains(Handler.AUDIO)) {
            if (serial.backlog() >= MAX_HANDLER_BACKLOG) {
                if (droppedAudio++ == 0) {
                    LOG.log(Level.WARNING, "Agent {0} is not keeping up with the audio of {1}: dropping frames for "
                            + "@OnAudio until it catches up", descriptor.id(), id);
                }
                return;
            }
            droppedAudio = 0;
            audioCalls.execute(() -> call(Handler.AUDIO, () -> {
                invoker.onAudio(instance.agent(), frame, this);
                return null;
            }));
        }
    }

    @Override
    public void userText(String text) {
        serial.execute(() -> userTurn(Transcript.typed(text)));
    }

    @Override
    public void userActivity() {
        // presence matters to dialects with idle timeouts; agents have no handler for it
    }

    @Override
    public void contextUpdate(String text) {
        serial.execute(() -> call(Handler.CONTEXT_UPDATE, () -> {
            invoker.onContextUpdate(instance.agent(), text, this);
            return null;
        }));
    }

    @Override
    public void toolResult(ToolResult result) {
        toolCalls.answer(result);
    }

    @Override
    public void interrupt() {
        serial.execute(this::interruptResponse);
    }

    @Override
    public void close(SessionEnd end) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        output.close();
        responses.cancelAll();
        speechLane.execute(this::stopSpeech);
        toolCalls.abandonAll();
        serial.execute(() -> {
            if (instance == null) {
                return;
            }
            call(Handler.SESSION_END, () -> {
                invoker.onSessionEnd(instance.agent(), end, this);
                return null;
            });
            try {
                instance.destroy();
            } catch (RuntimeException failure) {
                report("destroying the agent", failure);
            }
        });
    }

    /**
     * Completes once the agent has nothing left to say for now and what was said is saved: the handler calls queued
     * before this one have run, the replies they gave have been played in full, and the history's saves are done.
     * A draining server waits for this before it closes the connection, so the client hears the reply being given
     * and can continue the conversation elsewhere. Never completes if the conversation closes first.
     */
    public CompletionStage<Void> whenQuiet() {
        CompletableFuture<Void> quiet = new CompletableFuture<>();
        serial.execute(() -> responses.whenIdle(() -> history.saved().whenComplete((done, never) -> quiet.complete(null))));
        return quiet;
    }

    // ---- AgentSession: used by the agent ----

    @Override
    public String conversationId() {
        return id;
    }

    @Override
    public String agentId() {
        return descriptor.id();
    }

    @Override
    public String dialect() {
        return dialect;
    }

    @Override
    public ClientOverrides overrides() {
        return spec.overrides();
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public CompletionStage<Void> say(String text) {
        return responses.enqueue(Reply.of(text));
    }

    @Override
    public CompletionStage<Void> stream(Flow.Publisher<? extends CharSequence> chunks) {
        return responses.enqueue(Reply.of(chunks));
    }

    @Override
    public void sendAudio(AudioFrame frame) {
        if (spec.textOnly() || closed.get()) {
            return;
        }
        responses.audio(toOutputFormat(frame));
    }

    /** Agent audio in the client's format; the converter keeps resampler state across frames of one source format. */
    private synchronized AudioFrame toOutputFormat(AudioFrame frame) {
        if (frame.format().equals(spec.outputFormat())) {
            return frame;
        }
        if (agentAudio == null || !agentAudio.inputFormat().equals(frame.format())) {
            agentAudio = new AudioConverter(frame.format(), spec.outputFormat());
        }
        return agentAudio.convert(frame);
    }

    @Override
    public CompletionStage<ToolResult> callClientTool(String toolName, Map<String, Object> parameters) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("The conversation has ended"));
        }
        var call = toolCalls.open();
        output.toolCall(call.getKey(), toolName, Map.copyOf(parameters));
        return call.getValue();
    }

    @Override
    public void publishEmotions(Emotions emotions) {
        output.emotions(java.util.Objects.requireNonNull(emotions, "emotions"));
    }

    @Override
    public void end(String reason) {
        serial.execute(() -> responses.whenIdle(() -> output.endRequested(reason)));
    }

    @Override
    public List<ConversationTurn> history() {
        return history.turns();
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public TurnTaking turnTaking() {
        return turnTaking;
    }

    @Override
    public void turnTaking(TurnTaking settings) {
        turnTaking = java.util.Objects.requireNonNull(settings);
        SpeechInput hearing = speechInput;
        if (hearing != null) {
            hearing.turnTaking(settings);
        }
    }

    // ---- internals ----

    /** A finished user turn: it cuts off whatever the agent is saying, is echoed, then answered. */
    private void userTurn(Transcript transcript) {
        userTurn(transcript, eventIds.incrementAndGet());
    }

    private void userTurn(Transcript transcript, long eventId) {
        interruptResponse();
        output.userTranscript(eventId, transcript);
        Reply reply = call(Handler.TRANSCRIPT, () -> invoker.onTranscript(instance.agent(), transcript, this));
        if (reply != null) {
            responses.enqueue(reply);
        }
    }

    /**
     * Sets up hearing (for agents that take transcripts) and speaking (unless text-only), with whatever engines
     * the application has.
     */
    private void startSpeech() {
        if (spec.textOnly()) {
            return;
        }
        if (speech.canSpeak()) {
            responses.voice(new SpokenVoice(new SpeechOutput(speech.tts(), spec.overrides().voiceId().orElse(null),
                    spec.outputFormat(), output::responseAudio, speechLane, timer, speech.leadMillis())));
        }
        if (listening) {
            // opening a recognizer may wait for one to be free: never on the container's thread
            speechLane.execute(() -> speechInput = new SpeechInput(spec.inputFormat(), speech.vad(), speech.stt(),
                    turnTaking, new Hearing()));
        }
    }

    /** On the speech lane, after the input was created there. */
    private void hear(AudioFrame frame) {
        SpeechInput hearing = speechInput;
        if (hearing == null) {
            return;
        }
        try {
            hearing.accept(frame, responses.speaking());
        } catch (RuntimeException failure) {
            output.agentFailed("Speech input failed (ref " + report("hearing", failure) + ")");
        }
    }

    private void stopSpeech() {
        SpeechInput hearing = speechInput;
        speechInput = null;
        if (hearing != null) {
            hearing.close();
        }
    }

    /** Speech input's decisions, on the speech lane. */
    private final class Hearing implements SpeechInput.Listener {
        @Override
        public void speechStarted() {
            spokenTurnId = eventIds.incrementAndGet();
            output.userSpeechStarted();
        }

        @Override
        public void speechStopped() {
            output.userSpeechStopped();
        }

        @Override
        public void bargeIn() {
            // stop the agent's voice here and now; the agent hears of it in its own order
            responses.interrupt().ifPresent(cut -> serial.execute(() -> call(Handler.INTERRUPTION, () -> {
                invoker.onInterruption(instance.agent(), cut, ConversationSession.this);
                return null;
            })));
        }

        @Override
        public void partialTranscript(String text) {
            if (!text.isBlank()) {
                output.userTranscript(spokenTurnId, Transcript.spoken(text, false));
            }
        }

        @Override
        public void turnEnded(Recognition recognition) {
            String text = recognition.text().strip();
            long turnId = spokenTurnId;
            if (!text.isEmpty()) {
                List<Transcript.Word> words = recognition.words().stream()
                        .map(w -> new Transcript.Word(w.word(), w.start(), w.end(), w.confidence())).toList();
                Transcript said = new Transcript(text, true, Transcript.Source.SPOKEN, words);
                serial.execute(() -> userTurn(said, turnId));
            }
        }

        @Override
        public void failed(Exception failure) {
            output.agentFailed("Speech recognition failed (ref " + report("recognition", failure) + ")");
            speechInput = null;
        }
    }

    /** Runs on the serial executor. */
    private void interruptResponse() {
        responses.interrupt().ifPresent(cut -> call(Handler.INTERRUPTION, () -> {
            invoker.onInterruption(instance.agent(), cut, this);
            return null;
        }));
    }

    /** Calls a handler on the serial executor; a failure is reported to the client and to {@code @OnError}. */
    private <T> T call(Handler handler, HandlerCall<T> call) {
        if (instance == null || (closed.get() && handler != Handler.SESSION_END)) {
            return null;
        }
        try {
            return call.call();
        } catch (Exception failure) {
            handlerFailed(handler, failure);
        } catch (StackOverflowError | LinkageError | AssertionError failure) {
            String reference = report(handler + " handler", failure);
            output.agentFailed("The agent failed (ref " + reference + ")");
        }
        return null;
    }

    private void handlerFailed(Handler handler, Exception failure) {
        String reference = report(handler + " handler", failure);
        output.agentFailed("The agent failed to handle that (ref " + reference + ")");
        if (handler != Handler.ERROR && invoker.handlers().contains(Handler.ERROR)) {
            call(Handler.ERROR, () -> {
                invoker.onError(instance.agent(), failure, this);
                return null;
            });
        }
    }

    /** A reply failed after its handler returned (a stage or stream that threw). */
    private void replyFailed(Throwable failure) {
        serial.execute(() -> {
            if (failure instanceof Exception exception) {
                handlerFailed(Handler.TRANSCRIPT, exception);
            } else {
                output.agentFailed("The agent failed (ref " + report("reply", failure) + ")");
            }
        });
    }

    /** Logs a failure with a reference the client also sees, so both sides can be matched without leaking details. */
    private String report(String what, Throwable failure) {
        String reference = randomHex(4);
        LOG.log(Level.ERROR, "Agent " + descriptor.id() + ", conversation " + id + ": " + what + " failed (ref " + reference + ")",
                failure);
        return reference;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
