package dev.parley.runtime;

import dev.parley.api.VoiceAgent;
import dev.parley.api.spi.AgentDescriptor;
import dev.parley.api.spi.Dialect;
import dev.parley.api.spi.SpeechToText;
import dev.parley.api.spi.TextToSpeech;
import dev.parley.api.spi.VoiceActivityDetector;
import dev.parley.runtime.auth.AgentTokens;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.session.AgentInstances;
import dev.parley.runtime.session.LiveConnections;
import dev.parley.runtime.speech.SpeechEngines;
import dev.parley.runtime.store.ConversationStores;
import dev.parley.api.spi.ConversationStore;
import dev.parley.runtime.speech.pipeline.SpeechServices;
import dev.parley.runtime.validation.MessageValidator;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything one Parley application shares: its agents and dialects (found through ServiceLoader), the
 * worker pool handlers run on, the timer for heartbeats, settings and token signing. One per application
 * (per class loader in a Jakarta EE server), created on first use.
 *
 * <p>The extension points an application may provide as CDI beans (the conversation store, the speech engines)
 * are looked up when first needed, not when the runtime is built: a Jakarta EE server may register the endpoints,
 * and so build the runtime, before the application's CDI container is up (WildFly does), and beans looked up then
 * would be missed. See {@link #resolveExtensions()}.
 */
public final class ParleyRuntime implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ParleyRuntime.class.getName());
    private static volatile ParleyRuntime current;
    static final String DRAIN_TIMEOUT = "parley.drain-timeout";

    private final Settings settings;
    private final Map<String, AgentDescriptor<?>> agents;
    private final List<Dialect> dialects;
    private final AgentTokens tokens;
    private final AgentInstances instances;
    private final MessageValidator validator;
    private final SpeechEngines engines;
    /** Found and started when first needed (see {@link #resolveExtensions()}); guarded by {@code this}. */
    private volatile SpeechServices speech;
    private volatile ConversationStore store;
    private boolean closed;
    private final LiveConnections connections = new LiveConnections();
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor timer;

    ParleyRuntime(Settings settings, ClassLoader loader) {
        this.settings = settings;
        this.agents = loadAgents(loader);
        this.dialects = loadDialects(loader);
        this.tokens = tokens(settings, agents);
        this.instances = AgentInstances.detect();
        this.validator = MessageValidator.create();
        this.engines = new SpeechEngines(settings, loader);
        ClassLoader application = loader != null ? loader : ParleyRuntime.class.getClassLoader();
        this.workers = Executors.newCachedThreadPool(daemonThreads("parley-worker", application));
        this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("parley-timer", application));
        timer.setRemoveOnCancelPolicy(true);
    }

    /** The application's runtime, created from system settings and the context class loader on first use. */
    public static ParleyRuntime current() {
        ParleyRuntime runtime = current;
        if (runtime == null) {
            synchronized (ParleyRuntime.class) {
                runtime = current;
                if (runtime == null) {
                    runtime = new ParleyRuntime(Settings.fromSystem(), Thread.currentThread().getContextClassLoader());
                    current = runtime;
                }
            }
        }
        return runtime;
    }

    /** The application's runtime if one has been made and not closed since; unlike {@link #current()}, never makes one. */
    public static Optional<ParleyRuntime> running() {
        return Optional.ofNullable(current);
    }

    /**
     * Makes a runtime with these settings the application's current one, and resolves its extension points at once
     * (the standalone launcher and tests use this, with their CDI container, if any, already up; Jakarta EE servers get
     * theirs from {@link #current()}). A previous one is closed.
     *
     * @throws RuntimeException when an extension point cannot be started (a speech engine is missing, say); the runtime
     *                          is closed then
     */
    public static ParleyRuntime start(Settings settings, ClassLoader loader) {
        ParleyRuntime runtime;
        synchronized (ParleyRuntime.class) {
            if (current != null) {
                current.close();
            }
            runtime = new ParleyRuntime(settings, loader);
            current = runtime;
        }
        try {
            runtime.resolveExtensions();
        } catch (RuntimeException | LinkageError failure) {
            runtime.close();
            throw failure;
        }
        return runtime;
    }

    /**
     * Finds the conversation store and the speech engines, and starts the engines (models are loaded, recognizers
     * warmed), unless that is done already. Each is a CDI bean of the application when there is one, so this must run
     * once the application's CDI container is up: in a Jakarta EE server, {@code ParleyLifecycleListener} calls it when
     * the application starts, so that a missing engine fails the deployment rather than a conversation; the standalone
     * launcher through {@link #start}; and failing those, the first conversation.
     *
     * @throws RuntimeException when an extension point cannot be started; the next call tries again
     * @throws IllegalStateException when the runtime is closed
     */
    public void resolveExtensions() {
        speech();
        store();
    }

    /** Stops the shared threads (waiting a few seconds for running tasks); a later {@link #current()} starts afresh. */
    @Override
    public void close() {
        synchronized (ParleyRuntime.class) {
            if (current == this) {
                current = null;
            }
        }
        synchronized (this) {
            closed = true;
        }
        timer.shutdownNow();
        engines.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        ConversationStore used = store;
        if (used != null) {
            ConversationStores.release(used); // after the workers: the last saves run on them
        }
    }

    public Settings settings() {
        return settings;
    }

    public Optional<AgentDescriptor<?>> agent(String id) {
        return Optional.ofNullable(agents.get(id));
    }

    public Map<String, AgentDescriptor<?>> agents() {
        return agents;
    }

    public List<Dialect> dialects() {
        return dialects;
    }

    /** Mints and verifies signed tokens for private agents. */
    public AgentTokens tokens() {
        return tokens;
    }

    public AgentInstances instances() {
        return instances;
    }

    public MessageValidator validator() {
        return validator;
    }

    /** The speech engines sessions hear and speak with, found and started on first use (see {@link #resolveExtensions()}). */
    public SpeechServices speech() {
        SpeechServices found = speech;
        if (found == null) {
            synchronized (this) {
                checkOpen();
                if (speech == null) {
                    speech = startSpeech(settings, engines);
                }
                found = speech;
            }
        }
        return found;
    }

    /** Where conversations are kept for clients to continue them, chosen on first use (see {@link #resolveExtensions()}). */
    public ConversationStore store() {
        ConversationStore found = store;
        if (found == null) {
            synchronized (this) {
                checkOpen();
                if (store == null) {
                    store = ConversationStores.select(settings);
                    LOG.log(Level.INFO, "Conversations are kept by {0}", store.getClass().getName());
                }
                found = store;
            }
        }
        return found;
    }

    /** Nothing is started for a closed runtime: its threads and engines would be left behind. */
    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This Parley runtime is closed (its application stopped)");
        }
    }

    /** The connections being served. */
    public LiveConnections connections() {
        return connections;
    }

    /**
     * Drains this instance before it stops: refuses new connections, lets each live conversation finish the reply it
     * is giving (for at most {@code timeout}, see {@code parley.drain-timeout}) and save its history, then closes its
     * connection with 1001 (going away), so the client continues the conversation on another instance that shares
     * the store. Blocks until done; returns whether every connection was closed without being cut off.
     */
    public boolean drain(Duration timeout) {
        return connections.drain(timeout);
    }

    /** How long a drain waits for replies to finish: {@code parley.drain-timeout}. */
    public Duration drainTimeout() {
        return settings.getDuration(DRAIN_TIMEOUT, Duration.ofSeconds(10));
    }

    public ExecutorService workers() {
        return workers;
    }

    public ScheduledThreadPoolExecutor timer() {
        return timer;
    }

    private static Map<String, AgentDescriptor<?>> loadAgents(ClassLoader loader) {
        Map<String, AgentDescriptor<?>> byId = new LinkedHashMap<>();
        for (AgentDescriptor<?> descriptor : ServiceLoader.load(AgentDescriptor.class, loader)) {
            AgentDescriptor<?> earlier = byId.putIfAbsent(descriptor.id(), descriptor);
            if (earlier != null && earlier.agentClass() != descriptor.agentClass()) {
                throw new IllegalStateException("Two agents have the id '" + descriptor.id() + "': "
                        + earlier.agentClass().getName() + " and " + descriptor.agentClass().getName() + ". Rename one.");
            }
        }
        if (byId.isEmpty()) {
            LOG.log(Level.WARNING, "No @VoiceAgent classes found: is Parley's annotation processor on the compiler's "
                    + "annotationProcessorPaths?");
        }
        return Collections.unmodifiableMap(byId);
    }

    private static List<Dialect> loadDialects(ClassLoader loader) {
        List<Dialect> found = new ArrayList<>();
        ServiceLoader.load(Dialect.class, loader).forEach(found::add);
        return List.copyOf(found);
    }

    private static AgentTokens tokens(Settings settings, Map<String, AgentDescriptor<?>> agents) {
        Optional<String> secret = settings.get("parley.tokens.secret");
        if (secret.isPresent()) {
            return new AgentTokens(secret.get().getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        }
        if (agents.values().stream().anyMatch(agent -> agent.access() == VoiceAgent.Access.PRIVATE)) {
            LOG.log(Level.WARNING, "parley.tokens.secret is not set: tokens for private agents are signed with a random "
                    + "secret and are valid only on this server until it restarts.");
        }
        return AgentTokens.withRandomSecret();
    }

    /**
     * Finds and warms every speech engine, all at once: called at startup ({@link #resolveExtensions()}), so the first
     * session does not wait for a model to load, and a missing engine stops startup with its instructions rather than
     * failing a conversation later.
     */
    private static SpeechServices startSpeech(Settings settings, SpeechEngines engines) {
        if (settings.get("parley.speech", "on").equals("off")) {
            return SpeechServices.none(settings);
        }
        SpeechServices speech = new SpeechServices(engines.voiceActivityDetector(), engines.speechToText(),
                engines.textToSpeech(), settings);
        LOG.log(Level.INFO, "Speech: VAD {0}, STT {1}, TTS {2}",
                Optional.ofNullable(speech.vad()).map(VoiceActivityDetector::name).orElse(SpeechEngines.NONE),
                Optional.ofNullable(speech.stt()).map(SpeechToText::name).orElse(SpeechEngines.NONE),
                Optional.ofNullable(speech.tts()).map(TextToSpeech::name).orElse(SpeechEngines.NONE));
        return speech;
    }

    /**
     * Threads with the application's class loader as their context class loader, whichever thread happens to make
     * them: a new thread would inherit its maker's, and a server's own threads (WildFly's I/O threads, say) have one
     * that CDI.current() cannot find the application's container by, so agents made on such a worker would fail.
     */
    private static ThreadFactory daemonThreads(String prefix, ClassLoader application) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        };
    }
}
