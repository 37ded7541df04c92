package dev.parley.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The generator's default client: a WebSocket client of its own, as load generators such as wrk are, because a
 * general-purpose client costs more than the servers under test. The JDK's client schedules every message
 * through its own executor hand-offs and was late by 60 to 140 ms (send lag p99) at 800 sessions on its one CPU
 * while using under 80 % of it; this one writes each frame straight from the sending thread when the socket
 * takes it, and reads every connection on one selector thread.
 *
 * <p>It speaks what the benchmark needs of RFC 6455, as a browser would on the wire: the upgrade offering
 * {@code convai}; text frames out with a fresh random mask each (so the servers unmask as they would for any
 * client); text, ping and close frames in, unmasked and possibly fragmented; the closing handshake.
 */
final class NioTransport implements Transport {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    private final Selector selector;
    private final Queue<NioLink> toRegister = new ConcurrentLinkedQueue<>();
    private final Thread loop;
    private volatile boolean running = true;

    NioTransport() {
        try {
            selector = Selector.open();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        loop = new Thread(this::run, "gen-nio");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public CompletableFuture<Link> connect(URI uri, Receiver receiver) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            NioLink link = new NioLink(channel, uri, receiver);
            toRegister.add(link);
            selector.wakeup();
            return link.opened;
        } catch (IOException failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select(100);
                for (NioLink link; (link = toRegister.poll()) != null; ) {
                    link.key = link.channel.register(selector, SelectionKey.OP_CONNECT, link);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    ((NioLink) key.attachment()).ready(key);
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) {
                ((NioLink) key.attachment()).abort();
            }
            selector.close();
        } catch (IOException failure) {
            System.err.println("[bench] the generator's selector failed: " + failure);
        }
    }

    /** One connection. {@link #send} may be called from any thread; everything else runs on the selector thread. */
    private final class NioLink implements Link {
        final SocketChannel channel;
        final CompletableFuture<Link> opened = new CompletableFuture<>();
        private final URI uri;
        private final Receiver receiver;
        /** Frames not yet taken by the socket, oldest first; guarded by this. */
        private final ArrayDeque<ByteBuffer> unsent = new ArrayDeque<>();
        private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        /** A fragmented text message being put together, or null. */
        private java.io.ByteArrayOutputStream fragments;
        private boolean upgraded;
        private boolean closeSent;
        private volatile boolean closed;
        volatile SelectionKey key;

        NioLink(SocketChannel channel, URI uri, Receiver receiver) {
            this.channel = channel;
            this.uri = uri;
            this.receiver = receiver;
        }

        @Override
        public void send(String text) {
            write(frame(TEXT, text.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closeSent) {
                    return;
                }
                closeSent = true;
            }
            write(frame(CLOSE, new byte[] {0x03, (byte) 0xe8})); // 1000
        }

        @Override
        public void abort() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closed either way
            }
            closed(1006, "aborted");
        }

        void ready(SelectionKey key) {
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    key.interestOps(SelectionKey.OP_READ);
                    write(ByteBuffer.wrap(upgradeRequest().getBytes(StandardCharsets.US_ASCII)));
                }
                if (key.isValid() && key.isWritable()) {
                    flush();
                }
                if (key.isValid() && key.isReadable()) {
                    read();
                }
            } catch (IOException | RuntimeException failure) {
                opened.completeExceptionally(failure);
                abort();
            }
        }

        private String upgradeRequest() {
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            return "GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: convai\r\n\r\n";
        }

        /** Writes at once what the socket takes; the rest waits for the selector to say it is writable. */
        private void write(ByteBuffer frame) {
            synchronized (this) {
                try {
                    if (unsent.isEmpty()) {
                        channel.write(frame);
                        if (!frame.hasRemaining()) {
                            return;
                        }
                    }
                    unsent.add(frame);
                    SelectionKey registered = key;
                    if (registered != null && registered.isValid()) {
                        registered.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                        selector.wakeup();
                    }
                } catch (ClosedChannelException closedAlready) {
                    // the step counts what never came back
                } catch (IOException failure) {
                    unsent.clear();
                }
            }
        }

        private synchronized void flush() throws IOException {
            while (!unsent.isEmpty()) {
                ByteBuffer head = unsent.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    return;
                }
                unsent.poll();
            }
            key.interestOps(SelectionKey.OP_READ);
        }

        private void read() throws IOException {
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            if (channel.read(in) < 0) {
                channel.close();
                closed(1006, "connection lost");
                return;
            }
            in.flip();
            if (!upgraded && !readUpgradeResponse()) {
                in.compact();
                return;
            }
            while (!closed && readFrame()) {
                // one frame a turn
            }
            in.compact();
        }

        private boolean readUpgradeResponse() throws IOException {
            int end = indexOf(in, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (end < 0) {
                return false;
            }
            String head = new String(in.array(), in.position(), end - in.position(), StandardCharsets.US_ASCII);
            in.position(end + 4);
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
            }
            upgraded = true;
            opened.complete(this);
            return true;
        }

        /** Handles the next whole frame in {@code in}, if there is one. */
        private boolean readFrame() throws IOException {
            int start = in.position();
            if (in.remaining() < 2) {
                return false;
            }
            int first = in.get(start) & 0xff;
            int second = in.get(start + 1) & 0xff;
            int header = 2;
            long length = second & 0x7f;
            if (length == 126) {
                header = 4;
                length = in.remaining() < header ? -1 : in.getShort(start + 2) & 0xffff;
            } else if (length == 127) {
                header = 10;
                length = in.remaining() < header ? -1 : in.getLong(start + 2);
            }
            int mask = (second & 0x80) != 0 ? 4 : 0;
            if (length < 0 || in.remaining() < header + mask + length) {
                if (length > in.capacity() - header - mask) {
                    in = ByteBuffer.allocate((int) length + header + mask).put(in).flip();
                }
                return false;
            }
            byte[] payload = new byte[(int) length];
            in.position(start + header + mask);
            in.get(payload);
            if (mask != 0) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= in.get(start + header + (i & 3));
                }
            }
            boolean fin = (first & 0x80) != 0;
            int opcode = first & 0x0f;
            switch (opcode) {
                case 0x0, TEXT, 0x2 -> message(opcode, payload, fin);
                case PING -> write(frame(PONG, payload));
                case CLOSE -> {
                    int code = payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : 1005;
                    close();
                    channel.close();
                    closed(code, payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "");
                }
                default -> {
                    // pongs and anything else: nothing to do
                }
            }
            return true;
        }

        private void message(int opcode, byte[] payload, boolean fin) {
            if (fin && fragments == null) {
                if (opcode == TEXT) {
                    receiver.onText(new String(payload, StandardCharsets.UTF_8));
                }
                return;
            }
            if (fragments == null) {
                fragments = new java.io.ByteArrayOutputStream();
            }
            fragments.writeBytes(payload);
            if (fin) {
                byte[] whole = fragments.toByteArray();
                fragments = null;
                receiver.onText(new String(whole, StandardCharsets.UTF_8));
            }
        }

        /** Tells the caller once, and only about a connection it was given (a failed connect fails {@link #opened}). */
        private void closed(int code, String reason) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            if (!opened.completeExceptionally(new IOException("closed " + code + " " + reason))) {
                receiver.onClosed(code, reason);
            }
        }
    }

    /** A client frame: FIN, {@code opcode}, a fresh random mask, the payload masked eight bytes at a time. */
    static ByteBuffer frame(int opcode, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
        byte[] frame = new byte[header + 4 + length];
        frame[0] = (byte) (0x80 | opcode);
        if (header == 2) {
            frame[1] = (byte) (0x80 | length);
        } else if (header == 4) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        int maskAt = header;
        int mask = ThreadLocalRandom.current().nextInt();
        for (int i = 0; i < 4; i++) {
            frame[maskAt + i] = (byte) (mask >>> (8 * i));
        }
        long mask64 = (mask & 0xffffffffL) | (long) mask << 32; // little-endian: byte i of the payload gets mask byte i % 4
        int at = maskAt + 4;
        System.arraycopy(payload, 0, frame, at, length);
        int i = 0;
        for (int words = length & ~7; i < words; i += 8) {
            LONGS.set(frame, at + i, (long) LONGS.get(frame, at + i) ^ mask64);
        }
        for (; i < length; i++) {
            frame[at + i] ^= frame[maskAt + (i & 3)];
        }
        return ByteBuffer.wrap(frame);
    }

    private static int indexOf(ByteBuffer buffer, byte[] wanted) {
        outer:
        for (int i = buffer.position(); i <= buffer.limit() - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (buffer.get(i + j) != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
