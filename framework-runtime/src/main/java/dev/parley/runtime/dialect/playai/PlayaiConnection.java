package dev.parley.runtime.dialect.playai;

import dev.parley.api.ClientOverrides;
import dev.parley.api.SessionEnd;
import dev.parley.api.ToolResult;
import dev.parley.api.VoiceAgent;
import dev.parley.api.spi.AgentDescriptor;
import dev.parley.api.spi.Conversation;
import dev.parley.api.spi.ConversationSpec;
import dev.parley.api.spi.DialectConnection;
import dev.parley.api.spi.DialectContext;
import dev.parley.runtime.dialect.ConcurrentSessions;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * One PlayAI connection: the agent comes from the path, the client's first message must be {@code setup}
 * (authentication and audio formats), answered by {@code init}; then {@code audioIn} flows in and the agent's
 * events flow out ({@link PlayaiEvents}). Errors are {@code error} events; a fatal one is followed by the close.
 */
final class PlayaiConnection implements DialectConnection {
    private static final System.Logger LOG = System.getLogger(PlayaiConnection.class.getName());
    static final int NORMAL = 1000;

    private final DialectContext context;
    private final PlayaiDecoder decoder;
    private final PlayaiEncoder encoder;
    private final PlayaiServices services;
    private final AgentDescriptor<?> agent;
    private final ScheduledFuture<?> setupTimer;
    private volatile Conversation conversation;
    private InputAudio input;
    private Optional<ConcurrentSessions.Slot> slot = Optional.empty();
    private volatile boolean failed;
    /** The agent ended the conversation (a hangup was sent): however the socket then closes, that is why it ended. */
    private volatile boolean hungUp;

    PlayaiConnection(DialectContext context, PlayaiDecoder decoder, PlayaiEncoder encoder, PlayaiServices services) {
        this.context = context;
        this.decoder = decoder;
        this.encoder = encoder;
        this.services = services;
        this.agent = route();
        this.setupTimer = agent == null ? null : context.after(services.settings().setupTimeout(), this::setupTimedOut);
    }

    private AgentDescriptor<?> route() {
        String agentId = context.handshake().pathParameters().getOrDefault("agentId", "");
        Optional<AgentDescriptor<?>> found = context.agent(agentId);
        if (found.isEmpty()) {
            fail(PlayaiException.fatal(PlayaiError.INVALID_AGENT, "There is no agent '" + agentId + "' here; agents: "
                    + String.join(", ", context.publicAgentIds())));
            return null;
        }
        return found.get();
    }

    @Override
    public void onText(String frame) {
        if (agent == null || failed) {
            return;
        }
        PlayaiInbound message;
        try {
            message = decoder.decode(frame);
        } catch (PlayaiException invalid) {
            fail(conversation == null ? invalid.asFatal() : invalid);
            return;
        }
        if (conversation == null) {
            if (message instanceof PlayaiInbound.Setup setup) {
                setUp(setup);
            } else {
                fail(PlayaiException.fatal(PlayaiError.INVALID_PARAMETERS, "The first message must be setup"));
            }
            return;
        }
        try {
            handle(message);
        } catch (PlayaiException invalid) {
            fail(invalid);
        }
    }

    private void handle(PlayaiInbound message) throws PlayaiException {
        if (message instanceof PlayaiInbound.AudioIn audio) {
            input.accept(audio.data()).ifPresent(conversation::userAudio);
        } else if (message instanceof PlayaiInbound.CustomInput custom) {
            conversation.contextUpdate(custom.text());
        } else if (message instanceof PlayaiInbound.Setup) {
            throw PlayaiException.invalid("setup was already received; this one is ignored");
        } else if (message instanceof PlayaiInbound.Ignored ignored) {
            LOG.log(Level.DEBUG, "Ignoring PlayAI message {0}", ignored.type());
        }
    }

    @Override
    public void onBinary(ByteBuffer frame) {
        if (agent == null || failed) {
            return;
        }
        fail(conversation == null ? PlayaiException.fatal(PlayaiError.INVALID_PARAMETERS, "The first message must be setup")
                : PlayaiException.invalid("Frames are JSON text; send audio as {\"type\":\"audioIn\",\"data\":\"<base64>\"}"));
    }

    @Override
    public void onClosed(int code, String reason) {
        if (setupTimer != null) {
            setupTimer.cancel(false);
        }
        synchronized (this) {
            slot.ifPresent(ConcurrentSessions.Slot::close);
        }
        Conversation started = conversation;
        if (started != null) {
            SessionEnd.Reason cause = hungUp ? SessionEnd.Reason.AGENT_ENDED : failed ? SessionEnd.Reason.ERROR
                    : code == NORMAL || code == 1001 || code == 1005 ? SessionEnd.Reason.CLIENT_CLOSED : SessionEnd.Reason.ERROR;
            started.close(new SessionEnd(cause, code, reason == null ? "" : reason));
        }
    }

    /** Authenticates, checks the formats and starts the conversation; any problem is fatal. */
    private synchronized void setUp(PlayaiInbound.Setup setup) {
        if (failed) {
            return;
        }
        setupTimer.cancel(false);
        try {
            Optional<PlayaiKeys.Grant> grant = authenticate(setup);
            InputAudio in = InputAudio.of(setup.inputEncoding(), setup.inputSampleRate());
            OutputAudio out = OutputAudio.of(setup.outputFormat(), setup.outputSampleRate());
            slot = grant.isEmpty() ? Optional.empty() : Optional.of(services.sessions().tryOpen(grant.get().principal())
                    .orElseThrow(() -> PlayaiException.fatal(PlayaiError.TOO_MANY_CONNECTIONS, "This key has "
                            + services.sessions().limit() + " conversations open")));
            String language = Optional.ofNullable(setup.language()).orElse(services.settings().language());
            ClientOverrides overrides = new ClientOverrides(Optional.ofNullable(setup.prompt()),
                    Optional.ofNullable(setup.customGreeting()), Optional.of(language), Optional.empty(), false,
                    Optional.empty(), Map.of(), setup.raw());
            ConversationSpec spec = new ConversationSpec(agent, overrides, in.format(), out.pcm(), false,
                    Optional.ofNullable(setup.continueConversation()));
            input = in;
            Conversation started = start(spec, out);
            context.client().sendText(encoder.init(services.settings().agentOwnerId(), started.id(), language));
            String greeting = setup.customGreeting() != null ? setup.customGreeting() : agent.greeting();
            if (greeting.isBlank()) {
                // the SDK holds the microphone until the greeting has ended; with none, it ends at once
                context.client().sendText(encoder.withMessage("onAgentGreetingEnd", ""));
            }
            conversation = started;
            started.begin();
        } catch (PlayaiException refused) {
            slot.ifPresent(ConcurrentSessions.Slot::close);
            fail(refused);
        }
    }

    private Conversation start(ConversationSpec spec, OutputAudio out) throws PlayaiException {
        try {
            return context.startConversation(spec, new PlayaiEvents(context, encoder, out, this));
        } catch (IllegalArgumentException unknownConversation) {
            throw PlayaiException.fatal(PlayaiError.INVALID_PARAMETERS, "continueConversation: "
                    + unknownConversation.getMessage());
        } catch (IllegalStateException storeUnavailable) {
            throw PlayaiException.fatal(PlayaiError.INTERNAL, "continueConversation: " + storeUnavailable.getMessage());
        }
    }

    /** The key the client offered, checked; empty when keys are not required. */
    private Optional<PlayaiKeys.Grant> authenticate(PlayaiInbound.Setup setup) throws PlayaiException {
        PlayaiKeys keys = services.keys();
        boolean privateAgent = agent.access() == VoiceAgent.Access.PRIVATE;
        Optional<String> offered = Optional.ofNullable(setup.apiKey()).or(this::handshakeKey);
        if (!keys.required()) {
            if (privateAgent) {
                throw PlayaiException.fatal(PlayaiError.UNAUTHORIZED, "Agent '" + agent.id() + "' is private and "
                        + "this server has no API keys to grant it");
            }
            return Optional.empty();
        }
        if (offered.isEmpty()) {
            throw PlayaiException.fatal(PlayaiError.UNAUTHORIZED, "Send an API key: setup's apiKey, the apiKey query "
                    + "parameter or an Authorization: Bearer header");
        }
        PlayaiKeys.Grant grant = keys.grant(offered.get()).orElseThrow(() -> setup.apiKey() != null
                ? PlayaiException.fatal(PlayaiError.INVALID_CREDENTIALS, "The apiKey is not valid")
                : PlayaiException.fatal(PlayaiError.INVALID_TOKEN, "The key in the request is not valid"));
        if (!grant.permits(agent.id(), privateAgent)) {
            throw PlayaiException.fatal(PlayaiError.UNAUTHORIZED, "This key does not grant agent '" + agent.id() + "'");
        }
        return Optional.of(grant);
    }

    private Optional<String> handshakeKey() {
        var handshake = context.handshake();
        return handshake.query("apiKey")
                .or(() -> handshake.header("authorization").filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                        .map(value -> value.substring(7).strip()));
    }

    private synchronized void setupTimedOut() {
        if (conversation == null && !failed) {
            fail(PlayaiException.fatal(PlayaiError.INVALID_PARAMETERS, "No setup message within "
                    + services.settings().setupTimeout().toMillis() + " ms"));
        }
    }

    void hungUp() {
        hungUp = true;
    }

    /** PlayAI clients run no tools: a tool call is answered at once as failed. */
    void toolsUnsupported(String toolCallId) {
        conversation.toolResult(new ToolResult(toolCallId, "PlayAI clients run no client tools", true));
    }

    /** Sends the error; a fatal one closes the connection after it. */
    private void fail(PlayaiException error) {
        context.client().sendText(encoder.error(error));
        if (error.fatal) {
            failed = true;
            context.client().close(error.error.closeCode(), error.getMessage());
        }
    }
}
