package dev.parley.runtime.session;

import dev.parley.runtime.config.Settings;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Where one session's {@code @OnAudio} calls run.
 *
 * <p>By default on the worker pool, like every handler: handlers may block (nothing in the API forbids it), and
 * {@code @VoiceAgent} promises that they never run on the container's I/O threads. That costs a hand-off per frame
 * (a wake-up and a context switch, about a tenth of the CPU per chunk of an echo; docs/performance.md).
 *
 * <p>An agent declares with {@code @OnAudio(blocking = false)} that its audio handler does not block; a deployment
 * may say so for all agents with {@code parley.inline-audio=on}, or for one with {@code parley.agent.<id>.inline-audio}
 * (either setting also wins over the declaration, {@code off} included). Then a call runs on the thread that
 * delivered the frame (the container's I/O thread) whenever the session has nothing queued or running; otherwise it
 * is queued as usual. Order and one thread at a time per agent instance hold either way ({@link SerialExecutor#runHereIfIdle}). Only {@code @OnAudio} is run so: it is
 * the per-frame handler, and the one whose work is meant to be small (look at the frame, keep it, send it back).
 *
 * <p>A safety net for a handler that blocks after all: an inline call that takes longer than
 * {@code parley.inline-audio.budget} (wall time, 20 ms by default: a frame's worth) is a strike, and after
 * {@value #STRIKES} strikes in a row the session's audio goes back to the worker pool for good, with a warning (the
 * first time per agent; later sessions at DEBUG). Strikes in a row, and a budget a hundred times an echo's call: on a
 * busy machine an I/O thread is preempted in the middle of short calls for milliseconds at a time (with 5 ms, three
 * in a row happened in a 25-session smoke run while builds used both CPUs), while a handler that blocks does so call
 * after call. The net cannot undo the first blocked calls; it only stops them from going on.
 */
final class InlineAudio implements Executor {
    private static final System.Logger LOG = System.getLogger(InlineAudio.class.getName());
    static final String SETTING = "parley.inline-audio";
    static final String BUDGET = "parley.inline-audio.budget";
    static final int STRIKES = 3;
    /** Agents whose fallback was logged at WARNING already. */
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final SerialExecutor serial;
    private final long budgetNanos;
    private final String agentId;
    private final String conversationId;
    /** Only touched by the thread delivering the session's audio (one at a time: the container's guarantee). */
    private boolean inline;
    private int strikes;

    /** {@code handlerBlocks}: the agent's declaration ({@code @OnAudio(blocking = ...)}), the settings' default. */
    InlineAudio(SerialExecutor serial, Settings settings, String agentId, boolean handlerBlocks, String conversationId) {
        this.serial = serial;
        this.agentId = agentId;
        this.conversationId = conversationId;
        this.inline = settings != null && enabled(settings, agentId, handlerBlocks);
        this.budgetNanos = inline ? settings.getDuration(BUDGET, Duration.ofMillis(20)).toNanos() : 0;
    }

    private static boolean enabled(Settings settings, String agentId, boolean handlerBlocks) {
        return settings.getSwitch("parley.agent." + agentId + ".inline-audio", settings.getSwitch(SETTING, !handlerBlocks));
    }

    /** Whether calls may still run on the caller's thread. */
    boolean inline() {
        return inline;
    }

    @Override
    public void execute(Runnable call) {
        if (!inline) {
            serial.execute(call);
            return;
        }
        long started = System.nanoTime();
        if (!serial.runHereIfIdle(call)) {
            return;
        }
        long took = System.nanoTime() - started;
        if (took <= budgetNanos) {
            strikes = 0;
        } else if (++strikes >= STRIKES) {
            inline = false;
            LOG.log(WARNED.add(agentId) ? Level.WARNING : Level.DEBUG, "Agent {0}, conversation {1}: @OnAudio took {2} ms on the I/O thread, over the budget"
                    + " of " + BUDGET + " ({3} ms) {4} times in a row; its audio goes to the worker pool from now on. Does"
                    + " the handler block? Then turn " + SETTING + " off for it.", agentId, conversationId,
                    took / 1_000_000, budgetNanos / 1_000_000, STRIKES);
        }
    }
}
