package dev.parley.samples.testing;

import dev.parley.runtime.standalone.ParleyServer;
import dev.parley.runtime.standalone.ServerOptions;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sample agents (concierge, echo) on the standalone launcher, on 127.0.0.1 and a free port, once per test
 * class, closed after it. Pings come every 250 ms so that every conversation also answers a few.
 */
public final class LocalSampleServer implements BeforeAllCallback, AfterAllCallback {
    /** Text conversations: without speech engines the frames tests read are exactly the dialect's text events. */
    public static final Map<String, String> SETTINGS = Map.of("parley.xuna.ping-interval", "250", "parley.speech", "off");
    private ParleyServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = ParleyServer.start(new ServerOptions("127.0.0.1", 0, SETTINGS));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    public int port() {
        return server.port();
    }

    public ParleyServer server() {
        return server;
    }
}
