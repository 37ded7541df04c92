package dev.parley.runtime.audio.decoding;

import java.io.InputStream;

/**
 * Shows a pull-style decoder library (jlayer, jflac) exactly the bytes of one unit at a time, then end of stream.
 * The decoders here find complete frames themselves and hand over one at a time, so the library never blocks or
 * reads into bytes that have not arrived; between frames it simply sees the stream resume.
 */
final class WindowInputStream extends InputStream {

    private byte[] bytes = new byte[0];
    private int at;
    private int end;

    /** The bytes to show next: {@code bytes[offset, offset + length)}. */
    void show(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.at = offset;
        this.end = offset + length;
    }

    @Override
    public int read() {
        return at < end ? bytes[at++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (at >= end) {
            return -1;
        }
        int count = Math.min(length, end - at);
        System.arraycopy(bytes, at, into, offset, count);
        at += count;
        return count;
    }
}
