package dev.parley.runtime.testing;

import dev.parley.runtime.standalone.ParleyServer;
import dev.parley.runtime.standalone.ServerOptions;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the standalone Parley server with the test agents on 127.0.0.1 and a free port, once per test class,
 * with short heartbeats and a small frame limit so those paths are quick to test.
 */
public final class TestServer implements BeforeAllCallback, AfterAllCallback {
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    private final boolean speech;
    private final Map<String, String> extra;
    private ParleyServer server;

    /** A server without speech engines: conversations are text, frames predictable. */
    public TestServer() {
        this(false, Map.of());
    }

    private TestServer(boolean speech, Map<String, String> extra) {
        this.speech = speech;
        this.extra = Map.copyOf(extra);
    }

    /** A server with the embedded speech engines (WebRTC VAD, Vosk, flite). */
    public static TestServer withSpeech() {
        return new TestServer(true, Map.of());
    }

    /** A server with these settings over the defaults here. */
    public TestServer with(Map<String, String> settings) {
        Map<String, String> merged = new java.util.HashMap<>(extra);
        merged.putAll(settings);
        return new TestServer(speech, merged);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "parley.xuna.ping-interval", "100",
                "parley.xuna.pong-timeout", "1000",
                "parley.xuna.initiation-timeout", "1500",
                "parley.max-frame-bytes", String.valueOf(MAX_FRAME_BYTES),
                "parley.max-queued-bytes", String.valueOf(256 * 1024)));
        if (!speech) {
            settings.put("parley.speech", "off");
        } else {
            settings.put("parley.xuna.pong-timeout", "20000");
        }
        settings.putAll(extra);
        server = ParleyServer.start(new ServerOptions("127.0.0.1", 0, settings));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    public int port() {
        return server.port();
    }

    public ParleyServer server() {
        return server;
    }

    public Recorder recorder() {
        return CDI.current().select(Recorder.class).get();
    }
}
