package dev.parley.runtime.endpoint;

import dev.parley.api.spi.ClientLink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Sends on a Jakarta WebSocket session without ever blocking the caller: frames go into a per-connection queue
 * drained by asynchronous sends, one in flight at a time (containers differ in what they allow concurrently;
 * Undertow refuses overlapping sends). A client that stops reading can never stall a shared thread such as the
 * heartbeat timer; frames whose sends have not completed are bounded, and past the bound the connection is closed.
 * (Containers that complete sends into their own buffers, as Tyrus on Grizzly does, absorb a stalled client there
 * first.) A normal close waits for the queued frames, so an agent's last words arrive before the close.
 */
final class WebSocketClientLink implements ClientLink {
    private static final System.Logger LOG = System.getLogger(WebSocketClientLink.class.getName());
    private static final int MAX_REASON_BYTES = 123;
    static final int POLICY_VIOLATION = 1008;

    private record Close(int code, String reason) {
    }

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final long maxQueuedBytes;
    /** Frames waiting: {@code String}s and {@code ByteBuffer}s. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    /** One send is in flight at a time, so one handler serves them all (no allocation per frame). */
    private final SendHandler onSent = this::sent;
    /** Bytes queued or in flight. */
    private long queuedBytes;
    private boolean inFlight;
    private long inFlightBytes;
    private boolean pumping;
    private boolean closed;
    private Close closeWhenDrained;

    WebSocketClientLink(Session session, long maxQueuedBytes, long sendTimeoutMillis) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.remote.setSendTimeout(sendTimeoutMillis);
        this.maxQueuedBytes = maxQueuedBytes;
    }

    @Override
    public void sendText(String frame) {
        enqueue(frame, frame.length());
    }

    @Override
    public void sendBinary(ByteBuffer frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip();
        enqueue(copy, copy.remaining());
    }

    @Override
    public void close(int code, String reason) {
        synchronized (this) {
            if (closed || closeWhenDrained != null) {
                return;
            }
            closeWhenDrained = new Close(code, reason);
        }
        pump();
    }

    @Override
    public synchronized boolean isOpen() {
        return !closed && closeWhenDrained == null && session.isOpen();
    }

    private void enqueue(Object frame, long size) {
        synchronized (this) {
            if (closed || closeWhenDrained != null) {
                return;
            }
            if (queuedBytes + size > maxQueuedBytes) {
                queue.clear();
                queuedBytes = 0;
                closeWhenDrained = new Close(POLICY_VIOLATION, "The client is not reading: more than " + maxQueuedBytes
                        + " bytes are waiting to be sent");
            } else {
                queue.add(frame);
                queuedBytes += size;
            }
        }
        pump();
    }

    /**
     * Starts the next send unless one is in flight. A send that completes on this very thread continues the loop
     * here instead of recursing; one that completes later calls back in.
     */
    private void pump() {
        boolean mine = false; // whether this thread is the one pumping
        while (true) {
            Object next;
            Close close = null;
            synchronized (this) {
                if (mine) {
                    pumping = false;
                }
                if (pumping || inFlight || closed) {
                    return;
                }
                next = queue.poll();
                if (next == null) {
                    if (closeWhenDrained == null) {
                        return;
                    }
                    close = closeWhenDrained;
                    closed = true;
                } else {
                    inFlight = true;
                    inFlightBytes = next instanceof String text ? text.length() : ((ByteBuffer) next).remaining();
                    pumping = true;
                    mine = true;
                }
            }
            if (close != null) {
                closeNow(close);
                return;
            }
            start(next);
        }
    }

    private void start(Object frame) {
        try {
            if (frame instanceof String text) {
                remote.sendText(text, onSent);
            } else {
                remote.sendBinary((ByteBuffer) frame, onSent);
            }
        } catch (IllegalStateException | IllegalArgumentException failure) {
            sent(new SendResult(failure));
        }
    }

    private void sent(SendResult result) {
        boolean resume;
        synchronized (this) {
            inFlight = false;
            queuedBytes -= inFlightBytes;
            resume = !pumping;
        }
        if (!result.isOK()) {
            LOG.log(Level.DEBUG, "Send failed; closing the connection", result.getException());
            synchronized (this) {
                queue.clear();
                queuedBytes = 0;
                closed = true;
            }
            closeNow(new Close(CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), ""));
            return;
        }
        if (resume) {
            pump();
        }
    }

    private void closeNow(Close close) {
        try {
            int code = close.code() == CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode() ? 1011 : close.code();
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), truncate(close.reason())));
        } catch (IOException | IllegalStateException alreadyClosed) {
            LOG.log(Level.DEBUG, "Close failed", alreadyClosed);
        }
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
