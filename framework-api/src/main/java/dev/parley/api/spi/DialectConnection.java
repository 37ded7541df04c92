package dev.parley.api.spi;

import java.nio.ByteBuffer;

/**
 * One client connection in one dialect. The runtime calls these methods one at a time per connection,
 * on the container's I/O threads: parse and hand over, never block.
 */
public interface DialectConnection {

    /** A text frame arrived. */
    void onText(String frame);

    /** A binary frame arrived. The buffer is only valid during the call. */
    void onBinary(ByteBuffer frame);

    /** The connection is closed (by either side, or failed); release what the connection holds. */
    void onClosed(int code, String reason);
}
