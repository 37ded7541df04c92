package dev.parley.benchmarks.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * One simulated XUNA client: initiates the conversation, streams the chunks the sender hands it, answers pings
 * and matches every echoed {@code audio} event to the chunk it came from. A chunk carries its caller and sequence
 * number in its first 9 bytes (12 base64 characters), so only those are decoded on the way back; the rest of the
 * chunk is the same precomputed tone for every chunk.
 */
final class Caller implements Transport.Receiver {
    static final long PERIOD_NANOS = 100_000_000L;
    static final int CHUNK_BYTES = 3_200; // 100 ms of 16 kHz 16-bit mono PCM
    static final String CLIENT_DATA = "{\"type\":\"conversation_initiation_client_data\",\"conversation_config_override\":"
            + "{\"agent\":{},\"tts\":{},\"conversation\":{}},\"source_info\":{\"source\":\"js_sdk\",\"version\":\"1.25.0\"}}";
    private static final String CHUNK_PREFIX = "{\"user_audio_chunk\":\"";
    private static final String CHUNK_REST;
    private static final String CHUNK_SUFFIX = "\"}";
    private static final String AUDIO_MARKER = "\"audio_base_64\":\"";
    private static final int HEADER_CHARS = 12;

    static {
        // a 440 Hz tone; bytes 0..8 of every chunk are replaced by the caller's index and the sequence number
        ByteBuffer pcm = ByteBuffer.allocate(CHUNK_BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < CHUNK_BYTES / 2; i++) {
            pcm.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0)));
        }
        byte[] rest = new byte[CHUNK_BYTES - 9];
        System.arraycopy(pcm.array(), 9, rest, 0, rest.length);
        CHUNK_REST = Base64.getEncoder().encodeToString(rest); // 9 is a multiple of 3: the two parts concatenate
    }

    final int index;
    private final Step step;
    /** When chunk {@code seq} was actually sent, at {@code seq % 256} (25.6 s of chunks: more than any grace period). */
    private final AtomicLongArray sentAt = new AtomicLongArray(256);
    final CompletableFuture<Void> initiated = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    volatile Transport.Link link;
    /** When chunk 0 is due; chunk k is due PERIOD later each. */
    volatile long firstDue;
    private volatile boolean closing;

    Caller(int index, Step step) {
        this.index = index;
        this.step = step;
    }

    /** Sends chunk {@code seq} (due at {@code firstDue + seq * PERIOD}). */
    void sendChunk(int seq) {
        byte[] header = ByteBuffer.allocate(9).putInt(index).putInt(seq).array();
        byte[] headerB64 = Base64.getEncoder().encode(header);
        String frame = new StringBuilder(CHUNK_PREFIX.length() + HEADER_CHARS + CHUNK_REST.length() + CHUNK_SUFFIX.length())
                .append(CHUNK_PREFIX)
                .append(new String(headerB64, StandardCharsets.ISO_8859_1))
                .append(CHUNK_REST)
                .append(CHUNK_SUFFIX)
                .toString();
        sentAt.set(seq & 255, System.nanoTime());
        link.send(frame);
    }

    void close() {
        closing = true;
        Transport.Link open = link;
        if (open != null) {
            open.close();
        } else {
            closed.complete(null);
        }
    }

    @Override
    public void onText(String text) {
        long now = System.nanoTime();
        int audio = text.indexOf(AUDIO_MARKER);
        if (audio >= 0) {
            echoed(text, audio + AUDIO_MARKER.length(), now);
        } else if (text.contains("\"type\":\"ping\"")) {
            pong(text);
        } else if (text.contains("\"conversation_initiation_metadata\"")) {
            initiated.complete(null);
        } else if (text.contains("\"type\":\"error\"")) {
            step.error("error event: " + text);
        }
    }

    private void echoed(String text, int start, long now) {
        if (text.length() < start + HEADER_CHARS) {
            step.error("short audio event");
            return;
        }
        ByteBuffer header = ByteBuffer.wrap(Base64.getDecoder().decode(text.substring(start, start + HEADER_CHARS)));
        int from = header.getInt();
        int seq = header.getInt();
        if (from != index) {
            step.error("caller " + index + " got the audio of caller " + from);
            return;
        }
        step.echoed(firstDue + seq * PERIOD_NANOS, sentAt.get(seq & 255), now);
    }

    private void pong(String text) {
        int at = text.indexOf("\"event_id\":");
        if (at < 0) {
            step.error("ping without event_id");
            return;
        }
        int i = at + "\"event_id\":".length();
        long id = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            id = id * 10 + (text.charAt(i++) - '0');
        }
        step.pings.increment();
        Transport.Link open = link;
        if (open != null) {
            open.send("{\"type\":\"pong\",\"event_id\":" + id + "}");
        }
    }

    @Override
    public void onClosed(int code, String reason) {
        if (!closing) {
            step.error("caller " + index + " closed by the server: " + code + " " + reason);
        }
        initiated.completeExceptionally(new IllegalStateException("closed " + code + " " + reason));
        closed.complete(null);
    }

    /** What one step of callers shares: its measurement window, histogram and counters. */
    static final class Step {
        /** From the time each chunk was due. */
        final org.HdrHistogram.Recorder latencies = new org.HdrHistogram.Recorder(3);
        /** From the time each chunk was sent: the same, less the generator's own lateness. */
        final org.HdrHistogram.Recorder fromSend = new org.HdrHistogram.Recorder(3);
        final LongAdder sentMeasured = new LongAdder();
        final LongAdder echoedMeasured = new LongAdder();
        final LongAdder echoedAll = new LongAdder();
        final LongAdder pings = new LongAdder();
        final AtomicInteger errors = new AtomicInteger();
        volatile long measureStart = Long.MAX_VALUE;
        volatile long measureEnd = Long.MAX_VALUE;

        boolean measured(long due) {
            return due >= measureStart && due < measureEnd;
        }

        void echoed(long due, long sent, long now) {
            echoedAll.increment();
            if (measured(due)) {
                latencies.recordValue(Math.max(0, (now - due) / 1_000));
                fromSend.recordValue(Math.max(0, (now - sent) / 1_000));
                echoedMeasured.increment();
            }
        }

        void error(String what) {
            if (errors.incrementAndGet() <= 5) {
                System.err.println("[bench] " + what);
            }
        }
    }
}
