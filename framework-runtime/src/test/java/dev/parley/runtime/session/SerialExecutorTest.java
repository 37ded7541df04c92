package dev.parley.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void tasksRunOneAtATimeInSubmissionOrderEvenFromManyThreads() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        List<Integer> order = new ArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(2_000);
        for (int i = 0; i < 2_000; i++) {
            int task = i;
            serial.execute(() -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(task); // unsynchronized on purpose: serial execution makes it safe
                running.decrementAndGet();
                done.countDown();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(1, maxRunning.get());
        for (int i = 0; i < order.size(); i++) {
            assertEquals(i, order.get(i));
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheOnesAfterIt() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        CountDownLatch after = new CountDownLatch(1);
        serial.execute(() -> {
            throw new IllegalStateException("task failure");
        });
        serial.execute(after::countDown);
        assertTrue(after.await(5, TimeUnit.SECONDS));
        assertEquals(0, serial.backlog());
    }

    @Test
    void anIdleSessionsTaskRunsOnTheCallersThread() {
        SerialExecutor serial = new SerialExecutor(pool);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        assertTrue(serial.runHereIfIdle(() -> ranOn.set(Thread.currentThread())));
        assertSame(Thread.currentThread(), ranOn.get());
        assertEquals(0, serial.backlog());
    }

    @Test
    void aBusySessionsTaskWaitsItsTurnOnThePool() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        serial.execute(() -> {
            await(release);
            order.add("first");
        });
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        assertFalse(serial.runHereIfIdle(() -> {
            ranOn.set(Thread.currentThread());
            order.add("second");
            done.countDown();
        }));
        assertEquals(List.of(), order);
        release.countDown();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("first", "second"), order);
        assertNotSame(Thread.currentThread(), ranOn.get());
    }

    @Test
    void whatIsSubmittedWhileATaskRunsHereFollowsItOnThePool() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Thread> laterOn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        assertTrue(serial.runHereIfIdle(() -> {
            serial.execute(() -> {
                laterOn.set(Thread.currentThread());
                order.add("later");
                done.countDown();
            });
            assertFalse(serial.runHereIfIdle(() -> order.add("not nested")), "the session is busy: this one queues");
            order.add("here");
        }));
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(waitFor(() -> order.size() == 3));
        assertEquals(List.of("here", "later", "not nested"), order);
        assertNotSame(Thread.currentThread(), laterOn.get());
    }

    @Test
    void tasksRunHereAndOnThePoolFromManyThreadsNeverOverlapAndKeepEachSubmittersOrder() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        int submitters = 4;
        int perSubmitter = 2_000;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        int[] lastSeen = new int[submitters]; // unsynchronized on purpose, as above
        java.util.Arrays.fill(lastSeen, -1);
        AtomicInteger outOfOrder = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(submitters * perSubmitter);
        ExecutorService callers = Executors.newFixedThreadPool(submitters);
        try {
            for (int s = 0; s < submitters; s++) {
                int submitter = s;
                callers.execute(() -> {
                    for (int i = 0; i < perSubmitter; i++) {
                        int task = i;
                        Runnable work = () -> {
                            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                            if (lastSeen[submitter] != task - 1) {
                                outOfOrder.incrementAndGet();
                            }
                            lastSeen[submitter] = task;
                            running.decrementAndGet();
                            done.countDown();
                        };
                        if (task % 3 == 0) {
                            serial.execute(work);
                        } else {
                            serial.runHereIfIdle(work);
                        }
                    }
                });
            }
            assertTrue(done.await(20, TimeUnit.SECONDS));
        } finally {
            callers.shutdownNow();
        }
        assertEquals(1, maxRunning.get());
        assertEquals(0, outOfOrder.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
