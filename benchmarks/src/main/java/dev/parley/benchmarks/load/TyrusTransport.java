package dev.parley.benchmarks.load;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.ThreadPoolConfig;

/** Tyrus' client on its shared Grizzly container; connects block, so they run on a small pool. */
final class TyrusTransport implements Transport {
    private final ClientManager client;
    private final ExecutorService connector;

    TyrusTransport(int threads) {
        client = ClientManager.createClient();
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        client.getProperties().put(ClientProperties.WORKER_THREAD_POOL_CONFIG,
                ThreadPoolConfig.defaultConfig().setCorePoolSize(Math.max(3, threads)).setMaxPoolSize(Math.max(3, threads)));
        AtomicInteger count = new AtomicInteger();
        connector = Executors.newFixedThreadPool(16, task -> {
            Thread thread = new Thread(task, "gen-tyrus-connect-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CompletableFuture<Link> connect(URI uri, Receiver receiver) {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("convai")).build();
        return CompletableFuture.supplyAsync(() -> {
            try {
                Session session = client.connectToServer(new Adapter(receiver), config, uri);
                return new TyrusLink(session);
            } catch (Exception failure) {
                throw new java.util.concurrent.CompletionException(failure);
            }
        }, connector);
    }

    @Override
    public void close() {
        connector.shutdownNow();
        client.shutdown();
    }

    private record TyrusLink(Session session) implements Link {
        @Override
        public void send(String text) {
            try {
                session.getAsyncRemote().sendText(text);
            } catch (IllegalStateException closed) {
                // the step counts what never came back
            }
        }

        @Override
        public void close() {
            try {
                session.close();
            } catch (IOException | IllegalStateException alreadyClosed) {
                // closed either way
            }
        }

        @Override
        public void abort() {
            close();
        }
    }

    public static final class Adapter extends Endpoint {
        private final Receiver receiver;

        Adapter(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(1 << 20);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) receiver::onText);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            receiver.onClosed(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }

        @Override
        public void onError(Session session, Throwable failure) {
            // onClose follows
        }
    }
}
