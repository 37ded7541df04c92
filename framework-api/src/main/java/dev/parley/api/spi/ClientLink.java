package dev.parley.api.spi;

import java.nio.ByteBuffer;

/**
 * The way back to the client. Sends from any thread are delivered whole and in call order; after
 * {@link #close} every send is dropped.
 */
public interface ClientLink {

    void sendText(String frame);

    void sendBinary(ByteBuffer frame);

    /** Closes the connection with a WebSocket close code and a reason (at most 123 bytes of UTF-8). */
    void close(int code, String reason);

    boolean isOpen();
}
