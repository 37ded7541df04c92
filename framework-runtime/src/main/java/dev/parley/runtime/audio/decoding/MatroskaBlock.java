package dev.parley.runtime.audio.decoding;

import java.util.Arrays;

/**
 * The data of a Matroska SimpleBlock or Block (RFC 9559 §10): track number, timestamp, flags, then one frame or,
 * with lacing, several. Browsers never lace audio but muxers such as mkvmerge do, so all three lacings (Xiph, EBML,
 * fixed-size) are read. One instance is reused for every block: it allocates nothing per block.
 */
final class MatroskaBlock {

    private static final int MAX_FRAMES = 256;

    long trackNumber;
    int frameCount;
    final int[] frameOffsets = new int[MAX_FRAMES];
    final int[] frameLengths = new int[MAX_FRAMES];

    private long position;

    /**
     * Reads the block in {@code bytes[offset, offset + length)}.
     *
     * @param position the stream offset of the block's data, for messages
     * @throws AudioDecodingException if the header or the lace sizes do not fit the block
     */
    void read(byte[] bytes, int offset, int length, long position) {
        this.position = position;
        int end = offset + length;
        int numberLength = EbmlElement.vintLength(bytes[offset]);
        if (length == 0 || numberLength > 8 || numberLength + 3 > length) {
            throw corrupt("a block of " + length + " bytes is too short for its header");
        }
        trackNumber = EbmlElement.unsigned(bytes, offset, numberLength) & ~(0x80L << 8 * (numberLength - 1));
        int flags = bytes[offset + numberLength + 2] & 0xFF;
        int at = offset + numberLength + 3;
        int lacing = (flags >> 1) & 3;
        if (lacing == 0) {
            frameCount = 1;
            frameOffsets[0] = at;
            frameLengths[0] = end - at;
            return;
        }
        if (at >= end) {
            throw corrupt("a laced block has no frame count");
        }
        frameCount = (bytes[at++] & 0xFF) + 1;
        at = switch (lacing) {
            case 1 -> readXiphSizes(bytes, at, end);
            case 3 -> readEbmlSizes(bytes, at, end);
            default -> readFixedSizes(at, end);
        };
        for (int i = 0; i < frameCount; i++) {
            frameOffsets[i] = at;
            at += frameLengths[i];
        }
    }

    /** Sizes as runs of 255s ending in a smaller byte, for all frames but the last. */
    private int readXiphSizes(byte[] bytes, int at, int end) {
        int total = 0;
        for (int i = 0; i < frameCount - 1; i++) {
            int size = 0;
            int b;
            do {
                if (at >= end) {
                    throw corrupt("Xiph lace sizes run past the block");
                }
                b = bytes[at++] & 0xFF;
                size += b;
            } while (b == 255);
            frameLengths[i] = size;
            total += size;
        }
        return lastFrame(at, end, total);
    }

    /** The first size as an EBML number, each next one as a signed difference from the one before. */
    private int readEbmlSizes(byte[] bytes, int at, int end) {
        long size = 0;
        long total = 0;
        for (int i = 0; i < frameCount - 1; i++) {
            int length = at < end ? EbmlElement.vintLength(bytes[at]) : 9;
            if (length > 8 || at + length > end) {
                throw corrupt("EBML lace sizes run past the block");
            }
            long raw = EbmlElement.unsigned(bytes, at, length) & ~(0x80L << 8 * (length - 1));
            // later sizes are stored with a bias that makes the unsigned number signed (RFC 9559 §10.3.3)
            size = i == 0 ? raw : size + raw - ((1L << (7 * length - 1)) - 1);
            if (size < 0 || size > end) {
                throw corrupt("an EBML lace size of " + size + " does not fit the block");
            }
            frameLengths[i] = (int) size;
            total += size;
            at += length;
        }
        return lastFrame(at, end, total);
    }

    private int readFixedSizes(int at, int end) {
        if ((end - at) % frameCount != 0) {
            throw corrupt((end - at) + " bytes do not split into " + frameCount + " equal laced frames");
        }
        Arrays.fill(frameLengths, 0, frameCount, (end - at) / frameCount);
        return at;
    }

    /** The last frame takes what the others leave. */
    private int lastFrame(int at, int end, long others) {
        if (others > end - at) {
            throw corrupt("laced frames of " + others + " bytes do not fit the block's " + (end - at));
        }
        frameLengths[frameCount - 1] = (int) (end - at - others);
        return at;
    }

    private AudioDecodingException corrupt(String what) {
        return EbmlElement.corrupt(what, position);
    }
}
