package dev.parley.runtime.dialect.xuna;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.api.ClientOverrides;
import dev.parley.api.Interruption;
import dev.parley.api.SessionEnd;
import dev.parley.api.ToolResult;
import dev.parley.api.Transcript;
import dev.parley.api.VoiceAgent;
import dev.parley.api.spi.AgentDescriptor;
import dev.parley.api.spi.Conversation;
import dev.parley.api.spi.ConversationEvents;
import dev.parley.api.spi.ConversationSpec;
import dev.parley.api.spi.DialectConnection;
import dev.parley.api.spi.DialectContext;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * One XUNA connection. The agent is chosen when the socket opens ({@code ?conversation_id=} continues an earlier
 * conversation with its history, on any instance sharing the store); the conversation starts with the
 * client's {@code conversation_initiation_client_data} (or its first other message, or a timeout), and the
 * server's first frame is always {@code conversation_initiation_metadata}. Bad frames get an {@code error}
 * event and the session goes on.
 */
final class XunaConnection implements DialectConnection {
    private static final System.Logger LOG = System.getLogger(XunaConnection.class.getName());
    static final int POLICY_VIOLATION = 1008;
    static final int NORMAL = 1000;
    static final int INTERNAL_ERROR = 1011;

    private final DialectContext context;
    private final XunaCodec codec;
    private final XunaSettings settings;
    private final AgentDescriptor<?> agent;
    private volatile Conversation conversation;
    private volatile AudioFormat inputFormat;
    private volatile SessionEnd.Reason closeCause;
    private Heartbeat heartbeat;
    private ScheduledFuture<?> initiationTimer;

    XunaConnection(DialectContext context, XunaCodec codec, XunaSettings settings) {
        this.context = context;
        this.codec = codec;
        this.settings = settings;
        this.agent = route().orElse(null);
        if (agent != null) {
            initiationTimer = context.after(settings.initiationTimeout(), () -> start(null));
        }
    }

    /** The agent named by {@code token} or {@code agent_id}; closes the socket with the reason when there is none. */
    private Optional<AgentDescriptor<?>> route() {
        var handshake = context.handshake();
        Optional<String> token = handshake.query("token");
        if (token.isPresent()) {
            Optional<AgentDescriptor<?>> granted = context.agentGrantedBy(token.get()).flatMap(context::agent);
            if (granted.isEmpty()) {
                refuse("Invalid or expired token");
            }
            return granted;
        }
        Optional<String> agentId = handshake.query("agent_id");
        if (agentId.isEmpty()) {
            refuse("Missing agent_id query parameter");
            return Optional.empty();
        }
        Optional<AgentDescriptor<?>> found = context.agent(agentId.get());
        if (found.isEmpty()) {
            refuse("Unknown agent '" + agentId.get() + "'. Agents here: " + String.join(", ", context.publicAgentIds()));
        } else if (found.get().access() == VoiceAgent.Access.PRIVATE) {
            refuse("Agent '" + agentId.get() + "' is private: connect with a signed URL (?token=...)");
            return Optional.empty();
        }
        return found;
    }

    private void refuse(String reason) {
        closeCause = SessionEnd.Reason.ERROR;
        context.client().close(POLICY_VIOLATION, reason);
    }

    @Override
    public void onText(String frame) {
        if (agent == null) {
            return;
        }
        XunaInbound message;
        try {
            message = codec.decode(frame);
            Optional<String> violations = context.validate(message);
            if (violations.isPresent()) {
                throw new XunaProtocolException("invalid_message", "Invalid message: " + violations.get());
            }
        } catch (XunaProtocolException invalid) {
            start(null);
            sendError(invalid);
            return;
        }
        if (message instanceof XunaInbound.ClientData data) {
            if (!start(data)) {
                sendError(new XunaProtocolException("already_initiated",
                        "The conversation is already initiated; this conversation_initiation_client_data is ignored"));
            }
            return;
        }
        start(null);
        if (conversation == null) {
            return; // it could not start, and the connection is closing with the reason
        }
        try {
            handle(message);
        } catch (XunaProtocolException invalid) {
            sendError(invalid);
        }
    }

    private void handle(XunaInbound message) throws XunaProtocolException {
        if (message instanceof XunaInbound.UserAudio audio) {
            if (audio.pcm().length % inputFormat.frameSize() != 0) {
                throw new XunaProtocolException("invalid_audio", "User audio in " + XunaAudioFormat.name(inputFormat)
                        + " must hold whole " + inputFormat.frameSize() + "-byte samples; this chunk has "
                        + audio.pcm().length + " bytes");
            }
            conversation.userAudio(new AudioFrame(inputFormat, audio.pcm()));
        } else if (message instanceof XunaInbound.Pong pong) {
            heartbeat.pong(pong.eventId(), System.nanoTime());
        } else if (message instanceof XunaInbound.UserActivity) {
            conversation.userActivity();
        } else if (message instanceof XunaInbound.UserMessage userMessage) {
            conversation.userText(userMessage.text());
        } else if (message instanceof XunaInbound.ContextualUpdate update) {
            conversation.contextUpdate(update.text());
        } else if (message instanceof XunaInbound.ClientToolResult result) {
            conversation.toolResult(new ToolResult(result.toolCallId(), result.result(), result.isError()));
        } else if (message instanceof XunaInbound.Ignored ignored) {
            LOG.log(Level.DEBUG, "Ignoring XUNA message of type {0}", ignored.type());
        }
    }

    @Override
    public void onBinary(ByteBuffer frame) {
        if (agent == null) {
            return;
        }
        start(null);
        sendError(new XunaProtocolException("invalid_message",
                "XUNA frames are JSON text; send audio as {\"user_audio_chunk\":\"<base64>\"}"));
    }

    @Override
    public void onClosed(int code, String reason) {
        Conversation started = conversation;
        if (started != null) {
            SessionEnd.Reason cause = closeCause != null ? closeCause
                    : code == NORMAL || code == 1001 || code == 1005 ? SessionEnd.Reason.CLIENT_CLOSED : SessionEnd.Reason.ERROR;
            started.close(new SessionEnd(cause, code, reason == null ? "" : reason));
        }
    }

    /**
     * Starts the conversation once: sends the metadata, then lets the agent speak. Returns false if it had
     * already started. {@code data} is null for an implicit start (no client data came first).
     */
    private synchronized boolean start(XunaInbound.ClientData data) {
        if (conversation != null || !context.client().isOpen()) {
            return false;
        }
        if (initiationTimer != null) {
            initiationTimer.cancel(false);
        }
        ClientOverrides overrides = data == null ? ClientOverrides.NONE : XunaOverrides.of(data);
        String problem = null;
        String inputName = settings.inputFormat();
        String outputName = settings.outputFormat();
        if (data != null) {
            inputName = XunaOverrides.format(data, "asr", "user_input_audio_format").orElse(inputName);
            outputName = XunaOverrides.format(data, "tts", "agent_output_audio_format").orElse(outputName);
        }
        AudioFormat input;
        AudioFormat output;
        try {
            input = XunaAudioFormat.parse(inputName);
            output = XunaAudioFormat.parse(outputName);
        } catch (IllegalArgumentException unsupported) {
            problem = unsupported.getMessage() + "; using the server's defaults";
            inputName = settings.inputFormat();
            outputName = settings.outputFormat();
            input = XunaAudioFormat.parse(inputName);
            output = XunaAudioFormat.parse(outputName);
        }
        inputFormat = input;
        Conversation started;
        try {
            started = context.startConversation(new ConversationSpec(agent, overrides, input, output, overrides.textOnly(),
                    context.handshake().query("conversation_id")), new Events(overrides.textOnly()));
        } catch (IllegalArgumentException unknownConversation) {
            refuse(unknownConversation.getMessage());
            return false;
        } catch (IllegalStateException storeUnavailable) {
            closeCause = SessionEnd.Reason.ERROR;
            context.client().close(INTERNAL_ERROR, storeUnavailable.getMessage());
            return false;
        }
        conversation = started;
        context.client().sendText(codec.metadata(started.id(), outputName, inputName));
        if (problem != null) {
            sendError(new XunaProtocolException("invalid_message", problem));
        }
        heartbeat = new Heartbeat(settings.pongTimeout(), System.nanoTime());
        context.every(settings.pingInterval(), this::ping);
        started.begin();
        return true;
    }

    private void ping() {
        long now = System.nanoTime();
        if (heartbeat.isDead(now)) {
            closeCause = SessionEnd.Reason.TIMEOUT;
            context.client().close(POLICY_VIOLATION, "No pong within " + settings.pongTimeout().toMillis() + " ms");
            return;
        }
        Long roundTrip = heartbeat.lastRoundTripMillis();
        context.client().sendText(codec.ping(heartbeat.nextPing(now), roundTrip));
    }

    private void sendError(XunaProtocolException error) {
        context.client().sendText(codec.error(error.errorType(), error.getMessage()));
    }

    /** Renders the conversation's events as XUNA frames. */
    private final class Events implements ConversationEvents {
        private final boolean textOnly;
        /** The response whose {@code agent_chat_response_part} stream is open, or -1. */
        private long openPart = -1;
        /** The last response whose {@code agent_response} was sent (its speech may still be playing). */
        private long lastCompleted = -1;

        Events(boolean textOnly) {
            this.textOnly = textOnly;
        }

        @Override
        public void userTranscript(long eventId, Transcript transcript) {
            context.client().sendText(transcript.isFinal()
                    ? codec.userTranscript(eventId, transcript.text())
                    : codec.tentativeUserTranscript(eventId, transcript.text()));
        }

        @Override
        public void responseStarted(long responseId) {
            // the part stream opens with the first text, so audio-only responses send no empty parts
        }

        @Override
        public void responseText(long responseId, String delta, String textSoFar) {
            if (openPart != responseId) {
                openPart = responseId;
                context.client().sendText(codec.agentResponsePart(responseId, "start", ""));
            }
            context.client().sendText(codec.agentResponsePart(responseId, "delta", delta));
        }

        @Override
        public void responseAudio(long responseId, AudioFrame audio) {
            if (!textOnly) {
                context.client().sendText(codec.audio(responseId, audio.data()));
            }
        }

        @Override
        public void responseCompleted(long responseId, String fullText) {
            closePart(responseId);
            if (!fullText.isEmpty()) {
                lastCompleted = responseId;
                context.client().sendText(codec.agentResponse(responseId, fullText));
            }
        }

        @Override
        public void interrupted(Interruption interruption) {
            closePart(interruption.responseId());
            // the client drops audio whose event_id is below this one, so name the id after the cut response
            context.client().sendText(codec.interruption(interruption.responseId() + 1));
            // the transcript keeps what the user did get of the cut-off response
            if (interruption.responseId() == lastCompleted) {
                context.client().sendText(codec.agentResponseCorrection(interruption.responseId(),
                        interruption.fullText(), interruption.heardText()));
            } else if (!interruption.heardText().isEmpty()) {
                context.client().sendText(codec.agentResponse(interruption.responseId(), interruption.heardText()));
            }
        }

        @Override
        public void toolCall(String toolCallId, String toolName, Map<String, Object> parameters) {
            context.client().sendText(codec.clientToolCall(toolCallId, toolName, parameters));
        }

        @Override
        public void agentFailed(String message) {
            context.client().sendText(codec.error("agent_error", message));
        }

        @Override
        public void endRequested(String reason) {
            closeCause = SessionEnd.Reason.AGENT_ENDED;
            context.client().close(NORMAL, reason);
        }

        /** The client shows any code but 1000 as an error with the reason, which is what this is. */
        @Override
        public void agentUnavailable(String reason) {
            closeCause = SessionEnd.Reason.ERROR;
            context.client().close(INTERNAL_ERROR, reason);
        }

        private void closePart(long responseId) {
            if (openPart == responseId) {
                openPart = -1;
                context.client().sendText(codec.agentResponsePart(responseId, "stop", ""));
            }
        }
    }
}
