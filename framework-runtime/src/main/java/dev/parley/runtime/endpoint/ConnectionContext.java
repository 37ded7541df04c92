package dev.parley.runtime.endpoint;

import dev.parley.api.SessionEnd;
import dev.parley.api.VoiceAgent;
import dev.parley.api.spi.AgentDescriptor;
import dev.parley.api.spi.ClientLink;
import dev.parley.api.spi.Conversation;
import dev.parley.api.spi.ConversationEvents;
import dev.parley.api.spi.ConversationSpec;
import dev.parley.api.spi.Dialect;
import dev.parley.api.spi.DialectContext;
import dev.parley.api.spi.Handshake;
import dev.parley.runtime.ParleyRuntime;
import dev.parley.runtime.session.ConversationSession;
import dev.parley.runtime.session.LiveConnections;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What one connection's dialect can use; cancels its timers when the socket closes. It is also the connection as the
 * runtime's {@link LiveConnections} see it, so a draining server can let its conversation finish and close it.
 */
final class ConnectionContext implements DialectContext, LiveConnections.Connection {
    private static final System.Logger LOG = System.getLogger(ConnectionContext.class.getName());

    private final ParleyRuntime runtime;
    private final Dialect dialect;
    private final Handshake handshake;
    private final ClientLink client;
    private final Queue<ScheduledFuture<?>> timers = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> whenClosed = new CompletableFuture<>();
    private volatile boolean closed;
    /** The connection's conversation once the dialect started it. */
    private volatile ConversationSession<?> conversation;

    ConnectionContext(ParleyRuntime runtime, Dialect dialect, Handshake handshake, ClientLink client) {
        this.runtime = runtime;
        this.dialect = dialect;
        this.handshake = handshake;
        this.client = client;
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public ClientLink client() {
        return client;
    }

    @Override
    public Optional<AgentDescriptor<?>> agent(String agentId) {
        return runtime.agent(agentId).filter(agent -> agent.speaks(dialect.id()));
    }

    @Override
    public List<String> publicAgentIds() {
        return runtime.agents().values().stream()
                .filter(agent -> agent.speaks(dialect.id()) && agent.access() == VoiceAgent.Access.PUBLIC)
                .map(AgentDescriptor::id)
                .toList();
    }

    @Override
    public Optional<String> agentGrantedBy(String token) {
        return runtime.tokens().verify(token);
    }

    @Override
    public Conversation startConversation(ConversationSpec spec, ConversationEvents events) {
        ConversationSession<?> started = ConversationSession.start(dialect.id(), spec, events, runtime.instances(),
                runtime.workers(), runtime.speech(), runtime.timer(), runtime.store());
        conversation = started;
        return started;
    }

    @Override
    public ScheduledFuture<?> every(Duration period, Runnable task) {
        long millis = Math.max(1, period.toMillis());
        return track(runtime.timer().scheduleAtFixedRate(guarded(task), millis, millis, TimeUnit.MILLISECONDS));
    }

    @Override
    public ScheduledFuture<?> after(Duration delay, Runnable task) {
        return track(runtime.timer().schedule(guarded(task), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS));
    }

    @Override
    public String setting(String key, String defaultValue) {
        return runtime.settings().get(key, defaultValue);
    }

    @Override
    public Optional<String> validate(Object message) {
        return runtime.validator().violations(message);
    }

    /** The socket closed: no timer of this connection runs again. */
    void closed() {
        closed = true;
        timers.forEach(timer -> timer.cancel(false));
        timers.clear();
        runtime.connections().remove(this);
        whenClosed.complete(null);
    }

    @Override
    public CompletionStage<Void> whenQuiet() {
        ConversationSession<?> started = conversation;
        return started == null ? CompletableFuture.completedFuture(null) : started.whenQuiet();
    }

    /** Ends the conversation first, so the agent learns that the server shut down rather than that the client left. */
    @Override
    public void goAway() {
        ConversationSession<?> started = conversation;
        if (started != null) {
            started.close(new SessionEnd(SessionEnd.Reason.SERVER_SHUTDOWN, LiveConnections.GOING_AWAY,
                    LiveConnections.GOING_AWAY_REASON));
        }
        client.close(LiveConnections.GOING_AWAY, LiveConnections.GOING_AWAY_REASON);
    }

    @Override
    public CompletionStage<Void> whenClosed() {
        return whenClosed;
    }

    private ScheduledFuture<?> track(ScheduledFuture<?> timer) {
        timers.add(timer);
        if (closed) {
            timer.cancel(false);
        }
        return timer;
    }

    /** A timer task that throws would silently stop repeating; log it instead, and never run after close. */
    private Runnable guarded(Runnable task) {
        return () -> {
            if (closed) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException failure) {
                LOG.log(Level.ERROR, "Timer task of dialect " + dialect.id() + " failed", failure);
            }
        };
    }
}
