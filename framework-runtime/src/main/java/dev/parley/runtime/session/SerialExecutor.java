package dev.parley.runtime.session;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs one session's tasks one at a time, in submission order, on a shared pool: at most one pool thread
 * works for a session at any moment, and it drains everything queued before letting go. A caller may run a task
 * itself when the session is idle ({@link #runHereIfIdle}); it is then the one thread working for the session.
 */
final class SerialExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());
    private final Executor pool;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final Runnable drain = this::drain;
    private boolean scheduled;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (queue) {
            queue.add(task);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        pool.execute(drain);
    }

    /**
     * Runs {@code task} on the calling thread if nothing of this executor is queued or running, else queues it as
     * {@link #execute} does. Either way it runs after every task submitted before it and never alongside another
     * one; tasks submitted while it runs here wait, and a pool thread takes them over once it is done, so the caller
     * runs this one task at most. Returns whether it ran here.
     */
    boolean runHereIfIdle(Runnable task) {
        synchronized (queue) {
            if (scheduled) {
                queue.add(task);
                return false;
            }
            scheduled = true; // this thread is the session's drainer for now
        }
        run(task);
        synchronized (queue) {
            if (queue.isEmpty()) {
                scheduled = false;
                return true;
            }
        }
        pool.execute(drain);
        return true;
    }

    /** Tasks waiting to run. */
    int backlog() {
        synchronized (queue) {
            return queue.size();
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    scheduled = false;
                    return;
                }
            }
            run(next);
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (Throwable failure) {
            // a task's own failures are reported where they arise; this keeps the session's queue alive
            LOG.log(System.Logger.Level.ERROR, "A session task failed", failure);
        }
    }
}
