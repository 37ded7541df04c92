package dev.parley.runtime.audio.encoding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.sourceforge.javaflacencoder.FLACEncoder;
import net.sourceforge.javaflacencoder.FLACOutputStream;
import net.sourceforge.javaflacencoder.StreamConfiguration;

/**
 * FLAC, 16-bit mono, through java-flac-encoder rather than frames written here: with the workarounds below the
 * library streams cleanly, and it picks the smallest of constant, verbatim, fixed and LPC subframes for each block,
 * which a small hand-written encoder (verbatim or fixed only) would not match.
 * The first piece starts with "fLaC", STREAMINFO and the library's 40-byte PADDING block; after that a frame goes
 * out as soon as its block of 20 ms is complete, and {@link #finish()} encodes the last, shorter block.
 *
 * <p>The workarounds: the library writes STREAMINFO for a file it rewrites at the end. Total samples and MD5 stay 0,
 * the format's "unknown", but the minimum frame size starts at 0xFFFFFF, above the maximum of 0, so it is set to 0
 * before the header leaves; and the output refuses to seek, so the library never tries to go back. Its
 * {@code samplesAvailableToEncode} fails when no block is partly filled, so the unfinished block is counted here.
 * Blocks are encoded on the caller's thread with {@code encodeSamples}, not {@code setThreadCount(0)}, which makes
 * the library fail; it starts threads only for {@code t_encodeSamples}.
 */
public final class FlacStreamEncoder extends AbstractStreamEncoder {

    private static final int BITS_PER_SAMPLE = 16;
    /** "fLaC" (4), the metadata block header (4), minimum and maximum block size (2 + 2), then the 3 bytes. */
    private static final int MIN_FRAME_SIZE_OFFSET = 12;

    private final FLACEncoder encoder = new FLACEncoder();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final int blockSize;
    /** Samples waiting for their block to fill. */
    private int partialBlock;

    /** @throws IllegalArgumentException if FLAC has no such rate (it has 1 to 655350 Hz) */
    public FlacStreamEncoder(int sampleRate) {
        super("FLAC", sampleRate);
        if (sampleRate > StreamConfiguration.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("FLAC has no sample rate of " + sampleRate + " Hz; it has 1 to "
                    + StreamConfiguration.MAX_SAMPLE_RATE + " Hz");
        }
        this.blockSize = Math.max(StreamConfiguration.MIN_BLOCK_SIZE, sampleRate / 50);
        encoder.setStreamConfiguration(new StreamConfiguration(1, blockSize, blockSize, sampleRate, BITS_PER_SAMPLE));
        encoder.setOutputStream(new Sink());
        try {
            encoder.openFLACStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sink writes to memory
        }
        byte[] header = written.toByteArray();
        header[MIN_FRAME_SIZE_OFFSET] = 0;
        header[MIN_FRAME_SIZE_OFFSET + 1] = 0;
        header[MIN_FRAME_SIZE_OFFSET + 2] = 0;
        written.reset();
        written.writeBytes(header);
    }

    @Override
    byte[] encodeSamples(short[] samples, int offset, int length) {
        int[] wide = new int[length];
        for (int i = 0; i < length; i++) {
            wide[i] = samples[offset + i];
        }
        encoder.addSamples(wide, length);
        partialBlock = (partialBlock + length) % blockSize;
        return encode(Integer.MAX_VALUE, false); // every complete block
    }

    @Override
    byte[] finishStream() {
        return encode(partialBlock, true);
    }

    private byte[] encode(int samples, boolean end) {
        try {
            encoder.encodeSamples(samples, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sink writes to memory
        }
        byte[] bytes = written.toByteArray();
        written.reset();
        return bytes;
    }

    /** Collects what the library writes; refuses to seek. */
    private final class Sink implements FLACOutputStream {
        private long position;

        @Override
        public long seek(long pos) {
            throw new UnsupportedOperationException("a FLAC stream cannot seek");
        }

        @Override
        public int write(byte[] data, int offset, int count) {
            written.write(data, offset, count);
            position += count;
            return count;
        }

        @Override
        public long size() {
            return position;
        }

        @Override
        public void write(byte data) {
            written.write(data);
            position++;
        }

        @Override
        public boolean canSeek() {
            return false;
        }

        @Override
        public long getPos() {
            return position;
        }
    }
}
