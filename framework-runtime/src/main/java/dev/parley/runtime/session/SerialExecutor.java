package dev.parley.runtime.session;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs one session's tasks one at a time, in submission order, on a shared pool: at most one pool thread
 * works for a session at any moment, and it drains everything queued before letting go.
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
            try {
                next.run();
            } catch (Throwable failure) {
                // a task's own failures are reported where they arise; this keeps the session's queue alive
                LOG.log(System.Logger.Level.ERROR, "A session task failed", failure);
            }
        }
    }
}
