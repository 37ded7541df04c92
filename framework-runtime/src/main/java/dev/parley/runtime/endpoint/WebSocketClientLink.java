package dev.parley.runtime.endpoint;

import dev.parley.api.spi.ClientLink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Sends on a Jakarta WebSocket session. Sends are serialized here because containers differ in what they
 * allow concurrently (Undertow refuses overlapping sends); they block the calling worker thread, never an
 * I/O thread, since dialects send from the session's workers and timers.
 */
final class WebSocketClientLink implements ClientLink {
    private static final System.Logger LOG = System.getLogger(WebSocketClientLink.class.getName());
    private static final int MAX_REASON_BYTES = 123;

    private final Session session;
    private volatile boolean closing;

    WebSocketClientLink(Session session) {
        this.session = session;
    }

    @Override
    public synchronized void sendText(String frame) {
        if (!isOpen()) {
            return;
        }
        try {
            session.getBasicRemote().sendText(frame);
        } catch (IOException | IllegalStateException failure) {
            LOG.log(Level.DEBUG, "Send failed; closing", failure);
            close(CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), "");
        }
    }

    @Override
    public synchronized void sendBinary(ByteBuffer frame) {
        if (!isOpen()) {
            return;
        }
        try {
            session.getBasicRemote().sendBinary(frame);
        } catch (IOException | IllegalStateException failure) {
            LOG.log(Level.DEBUG, "Send failed; closing", failure);
            close(CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), "");
        }
    }

    @Override
    public void close(int code, String reason) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), truncate(reason)));
        } catch (IOException | IllegalStateException alreadyClosed) {
            LOG.log(Level.DEBUG, "Close failed", alreadyClosed);
        }
    }

    @Override
    public boolean isOpen() {
        return !closing && session.isOpen();
    }

    /** Close reasons are limited to 123 bytes of UTF-8; cut at a character boundary. */
    static String truncate(String reason) {
        if (reason == null) {
            return "";
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES - 3) {
            end--;
        }
        return reason.substring(0, end) + "...";
    }
}
