package dev.parley.runtime.dialect.nextevi;

import dev.parley.runtime.dialect.ConcurrentSessions;
import dev.parley.api.AudioFrame;
import dev.parley.api.ClientOverrides;
import dev.parley.api.SessionEnd;
import dev.parley.api.spi.Conversation;
import dev.parley.api.spi.ConversationSpec;
import dev.parley.api.spi.DialectConnection;
import dev.parley.api.spi.DialectContext;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One NextEVI connection. It is admitted (or refused with the API's close codes) as it opens, and its first message
 * is {@code connection_metadata}. The conversation starts with the client's {@code session_settings}, or with the
 * defaults (24 kHz linear16 mono) at its first other message or after {@code parley.nextevi.settings-timeout}; either
 * way a {@code status: ready} echoes the settings before the agent speaks.
 *
 * <p>Problems get an {@code error} message; frames that are not NextEVI messages, unsupported audio and exceeded
 * limits also close the connection (see {@link NexteviProtocolException}).
 */
final class NexteviConnection implements DialectConnection {
    private static final System.Logger LOG = System.getLogger(NexteviConnection.class.getName());

    private final DialectContext context;
    private final NexteviDecoder decoder;
    private final NexteviEncoder encoder;
    /** These three are null when the connection was refused. */
    private final NexteviServices services;
    private final Gatekeeper.Admission admission;
    private final ConnectionLimits limits;
    private volatile Conversation conversation;
    private volatile SessionAudio audio;
    private volatile EmotionDetection emotionDetection;
    private volatile SessionEnd.Reason closeCause;

    NexteviConnection(DialectContext context, NexteviDecoder decoder, NexteviEncoder encoder,
                      Supplier<NexteviServices> services) {
        this.context = context;
        this.decoder = decoder;
        this.encoder = encoder;
        NexteviServices found = null;
        Gatekeeper.Admission admitted = null;
        try {
            found = services.get();
            admitted = found.gatekeeper().admit(context);
        } catch (Refusal refusal) {
            context.client().close(refusal.closeCode(), refusal.getMessage());
        } catch (RuntimeException failure) {
            String reference = Failures.report("Admitting a NextEVI connection", failure);
            context.client().close(CloseCodes.INTERNAL_ERROR, "Internal error (ref " + reference + ")");
        }
        this.services = found;
        this.admission = admitted;
        if (admitted == null) {
            this.limits = null;
            return;
        }
        NexteviSettings settings = found.settings();
        this.limits = new ConnectionLimits(settings.limits(), System.nanoTime());
        String configId = admitted.agent().id();
        // Parley has no projects: the agent stands in for the project NextEVI would derive from the config
        context.client().sendText(encoder.connectionMetadata(admitted.connectionId(),
                context.handshake().query("project_id").orElse(configId), configId));
        // starting is idempotent, so the timer needs no cancelling when the settings come first
        context.after(settings.settingsTimeout(), this::startWithDefaults);
        context.after(settings.limits().maxSessionDuration(), this::sessionExpired);
    }

    @Override
    public void onText(String frame) {
        if (admission == null) {
            return;
        }
        try {
            limits.countMessage(System.nanoTime());
            NexteviInbound message = decoder.decode(frame);
            Optional<String> violations = context.validate(message);
            if (violations.isPresent()) {
                throw NexteviProtocolException.invalid(ErrorCodes.INVALID_MESSAGE, "Invalid message: " + violations.get());
            }
            handle(message);
        } catch (NexteviProtocolException problem) {
            reject(problem);
        } catch (RuntimeException failure) {
            internalFailure(failure);
        }
    }

    @Override
    public void onBinary(ByteBuffer frame) {
        if (admission == null) {
            return;
        }
        try {
            limits.countMessage(System.nanoTime());
            limits.checkChunk(frame.remaining(), null);
            byte[] pcm = new byte[frame.remaining()];
            frame.get(pcm);
            startWithDefaults();
            userAudio(pcm, null);
        } catch (NexteviProtocolException problem) {
            reject(problem);
        } catch (RuntimeException failure) {
            internalFailure(failure);
        }
    }

    @Override
    public void onClosed(int code, String reason) {
        if (admission == null) {
            return;
        }
        admission.slot().ifPresent(ConcurrentSessions.Slot::close);
        EmotionDetection detection = emotionDetection;
        if (detection != null) {
            detection.close();
        }
        Conversation started = conversation;
        if (started != null) {
            SessionEnd.Reason cause = closeCause != null ? closeCause
                    : code == CloseCodes.NORMAL || code == CloseCodes.GOING_AWAY || code == CloseCodes.NO_STATUS
                    ? SessionEnd.Reason.CLIENT_CLOSED : SessionEnd.Reason.ERROR;
            started.close(new SessionEnd(cause, code, reason == null ? "" : reason));
        }
    }

    private void handle(NexteviInbound message) throws NexteviProtocolException {
        if (message instanceof NexteviInbound.SessionSettings settings) {
            configure(settings);
            return;
        }
        if (message instanceof NexteviInbound.AudioInput input) {
            limits.checkChunk(input.pcm().length, input.chunkId());
        }
        startWithDefaults();
        if (message instanceof NexteviInbound.AudioInput input) {
            userAudio(input.pcm(), input.chunkId());
        } else if (message instanceof NexteviInbound.KeepAlive) {
            conversation.userActivity();
        } else if (message instanceof NexteviInbound.TextInput text) {
            conversation.userText(text.text());
        } else if (message instanceof NexteviInbound.Interrupt) {
            conversation.interrupt();
        } else if (message instanceof NexteviInbound.Ignored ignored) {
            LOG.log(Level.DEBUG, "Ignoring NextEVI message of type {0}", ignored.type());
        }
    }

    /** Settings start the session; later ones may only repeat what it runs with. */
    private void configure(NexteviInbound.SessionSettings settings) throws NexteviProtocolException {
        SessionAudio requested = SessionAudio.of(settings.audio());
        if (start(requested, settings)) {
            return;
        }
        if (!requested.equals(audio)) {
            throw NexteviProtocolException.invalid(ErrorCodes.INVALID_SESSION_SETTINGS, "The session already takes "
                    + audio.encoding() + " at " + audio.sampleRate() + " Hz, " + audio.channels()
                    + " channel(s); audio settings cannot change once it started");
        }
    }

    private void userAudio(byte[] pcm, String chunkId) throws NexteviProtocolException {
        SessionAudio format = audio;
        int frameSize = format.format().frameSize();
        if (pcm.length % frameSize != 0) {
            throw NexteviProtocolException.audio("Audio in " + format.encoding() + " with " + format.channels()
                    + " channel(s) comes in whole " + frameSize + "-byte frames; this chunk has " + pcm.length + " bytes",
                    chunkId);
        }
        AudioFrame frame = new AudioFrame(format.format(), pcm);
        EmotionDetection detection = emotionDetection;
        if (detection != null) {
            detection.accept(frame.copy()); // the conversation owns the frame's bytes from the next line on
        }
        conversation.userAudio(frame);
    }

    /** Starts the conversation with the defaults, unless it has started. */
    private void startWithDefaults() {
        start(SessionAudio.DEFAULT, null);
    }

    /**
     * Starts the conversation once, with the client's settings (null if it sent none). Returns false if it had
     * already started.
     */
    private synchronized boolean start(SessionAudio chosen, NexteviInbound.SessionSettings settings) {
        if (conversation != null || !context.client().isOpen()) {
            return false;
        }
        boolean emotionRequested = settings != null && settings.emotionDetectionRequested();
        audio = chosen;
        NexteviEvents events = new NexteviEvents(context.client(), encoder, admission.connectionId(), this::close,
                result -> conversation.toolResult(result));
        ClientOverrides overrides = NexteviOverrides.of(admission.connectionId(), context.handshake().query("project_id"),
                settings);
        Conversation started = context.startConversation(new ConversationSpec(admission.agent(), overrides,
                chosen.format(), SessionAudio.OUTPUT, false), events);
        conversation = started;
        if (settings != null && settings.turnDetection() != null && settings.turnDetection().silenceThreshold() != null) {
            long silenceMillis = Math.round(settings.turnDetection().silenceThreshold() * 1000);
            started.turnTaking(started.turnTaking().withEndOfTurnSilence(Duration.ofMillis(silenceMillis)));
        }
        Optional<EmotionDetector> detector = services.emotionDetector();
        if (emotionRequested && detector.isPresent()) {
            emotionDetection = new EmotionDetection(detector.get(), chosen.format(), services.workers(), events);
        }
        events.ready(new SessionReport(chosen, emotionRequested, detector.map(EmotionDetector::name), started.id()));
        started.begin();
        return true;
    }

    private void sessionExpired() {
        Duration limit = services.settings().limits().maxSessionDuration();
        context.client().sendText(encoder.error(ErrorCodes.SESSION_DURATION_EXCEEDED, "The session reached its duration "
                + "limit of " + describe(limit), Map.of("limit_seconds", limit.toMillis() / 1000.0)));
        close(SessionEnd.Reason.TIMEOUT, CloseCodes.NORMAL, "Session duration limit reached");
    }

    private static String describe(Duration duration) {
        boolean wholeMinutes = duration.toMinutes() > 0 && duration.toSecondsPart() == 0 && duration.toMillisPart() == 0;
        return wholeMinutes ? duration.toMinutes() + " minutes" : duration.toMillis() + " ms";
    }

    private void reject(NexteviProtocolException problem) {
        context.client().sendText(encoder.error(problem.errorCode(), problem.getMessage(), problem.details()));
        if (problem.closeCode() != NexteviProtocolException.KEEP_OPEN) {
            close(SessionEnd.Reason.ERROR, problem.closeCode(), problem.getMessage());
        }
    }

    private void internalFailure(RuntimeException failure) {
        String reference = Failures.report("NextEVI connection " + admission.connectionId(), failure);
        context.client().sendText(encoder.error(ErrorCodes.INTERNAL_ERROR, "Internal error (ref " + reference + ")", Map.of()));
        close(SessionEnd.Reason.ERROR, CloseCodes.INTERNAL_ERROR, "Internal error (ref " + reference + ")");
    }

    private void close(SessionEnd.Reason cause, int code, String reason) {
        closeCause = cause;
        context.client().close(code, reason);
    }
}
