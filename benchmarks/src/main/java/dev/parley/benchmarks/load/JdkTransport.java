package dev.parley.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code java.net.http.WebSocket}: one shared {@link HttpClient} with a small fixed executor. */
final class JdkTransport implements Transport {
    private static final String CLOSE = new String("close");

    private final ExecutorService executor;
    private final HttpClient client;

    JdkTransport(int threads) {
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "gen-jdk-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        client = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public CompletableFuture<Link> connect(URI uri, Receiver receiver) {
        return client.newWebSocketBuilder()
                .subprotocols("convai")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener(receiver))
                .thenApply(JdkLink::new);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** The JDK allows one outstanding send per WebSocket, so sends queue here. */
    private static final class JdkLink implements Link {
        private final WebSocket socket;
        private final ArrayDeque<String> queue = new ArrayDeque<>();
        private boolean sending;

        JdkLink(WebSocket socket) {
            this.socket = socket;
        }

        @Override
        public void send(String text) {
            synchronized (this) {
                if (sending) {
                    queue.add(text);
                    return;
                }
                sending = true;
            }
            start(text);
        }

        @Override
        public void close() {
            send(CLOSE);
        }

        @Override
        public void abort() {
            socket.abort();
        }

        private void start(String text) {
            String next = text;
            // a send that completes at once continues here rather than recursing
            while (next != null) {
                CompletableFuture<WebSocket> sent = next == CLOSE
                        ? socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
                        : socket.sendText(next, true);
                if (!sent.isDone()) {
                    sent.whenComplete((ws, failure) -> {
                        String after = failure == null ? poll() : drop();
                        if (after != null) {
                            start(after);
                        }
                    });
                    return;
                }
                next = sent.isCompletedExceptionally() ? drop() : poll();
            }
        }

        private synchronized String poll() {
            String next = queue.poll();
            if (next == null) {
                sending = false;
            }
            return next;
        }

        private synchronized String drop() {
            queue.clear();
            sending = false;
            return null;
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final Receiver receiver;
        private StringBuilder partial;

        Listener(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                if (partial == null) {
                    partial = new StringBuilder(8192);
                }
                partial.append(data);
            } else if (partial != null) {
                String text = partial.append(data).toString();
                partial = null;
                receiver.onText(text);
            } else {
                receiver.onText(data.toString());
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            receiver.onClosed(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            receiver.onClosed(1006, String.valueOf(error));
        }
    }
}
