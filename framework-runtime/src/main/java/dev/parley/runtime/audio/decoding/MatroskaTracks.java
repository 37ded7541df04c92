package dev.parley.runtime.audio.decoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the two small Matroska/WebM elements a decoder needs whole: the EBML header (is this WebM or Matroska?) and
 * Tracks (which track is the audio, and how is it coded?). Both are held in memory; their children are walked with
 * {@link EbmlElement#readChild}, so a size that runs past its parent is an error, not a read out of bounds.
 */
final class MatroskaTracks {

    private static final int DOC_TYPE = 0x4282;
    private static final int TRACK_ENTRY = 0xAE;
    private static final int TRACK_NUMBER = 0xD7;
    private static final int TRACK_TYPE = 0x83;
    private static final int CODEC_ID = 0x86;
    private static final int CODEC_PRIVATE = 0x63A2;
    private static final int CONTENT_ENCODINGS = 0x6D80;
    private static final int TRACK_TYPE_AUDIO = 2;

    /**
     * The audio track: its number in blocks, its codec and the codec's private data (for Opus, the Opus header),
     * null if it has none.
     */
    record AudioTrack(long number, String codecId, byte[] codecPrivate) {
    }

    private MatroskaTracks() {
    }

    /** Checks the DocType in the data of an EBML header element. */
    static void checkDocType(byte[] bytes, int offset, int length, long position) {
        String[] docType = {"matroska"}; // the default when the element is absent (RFC 8794 §11.2.6)
        forEachChild(bytes, offset, length, position, (id, at, size) -> {
            if (id == DOC_TYPE) {
                docType[0] = EbmlElement.string(bytes, at, size);
            }
        });
        if (!docType[0].equals("webm") && !docType[0].equals("matroska")) {
            throw new AudioDecodingException("not WebM: the EBML header's DocType is '" + docType[0]
                    + "', expected 'webm' or 'matroska'");
        }
    }

    /**
     * The first audio track in the data of a Tracks element.
     *
     * @throws AudioDecodingException if there is none, or it is compressed or encrypted
     */
    static AudioTrack audioTrack(byte[] bytes, int offset, int length, long position) {
        List<AudioTrack> audio = new ArrayList<>();
        List<Long> otherTypes = new ArrayList<>();
        forEachChild(bytes, offset, length, position, (id, at, size) -> {
            if (id == TRACK_ENTRY) {
                long type = readEntry(bytes, at, size, position + (at - offset), audio);
                if (type != TRACK_TYPE_AUDIO) {
                    otherTypes.add(type);
                }
            }
        });
        if (audio.isEmpty()) {
            throw new AudioDecodingException("the WebM has no audio track (track types found: "
                    + (otherTypes.isEmpty() ? "none" : otherTypes) + ")");
        }
        return audio.get(0);
    }

    /** Reads a TrackEntry, adds it to {@code audio} if it is an audio track, and returns its type. */
    private static long readEntry(byte[] bytes, int offset, int length, long position, List<AudioTrack> audio) {
        long[] numberAndType = {0, 0};
        String[] codec = {""};
        byte[][] codecPrivate = {null};
        forEachChild(bytes, offset, length, position, (id, at, size) -> {
            switch (id) {
                case TRACK_NUMBER -> numberAndType[0] = EbmlElement.unsigned(bytes, at, size);
                case TRACK_TYPE -> numberAndType[1] = EbmlElement.unsigned(bytes, at, size);
                case CODEC_ID -> codec[0] = EbmlElement.string(bytes, at, size);
                case CODEC_PRIVATE -> codecPrivate[0] = Arrays.copyOfRange(bytes, at, at + size);
                case CONTENT_ENCODINGS -> throw new AudioDecodingException("the WebM track at byte " + position
                        + " is compressed or encrypted (ContentEncodings), which is not supported");
                default -> {
                }
            }
        });
        if (numberAndType[1] == TRACK_TYPE_AUDIO) {
            audio.add(new AudioTrack(numberAndType[0], codec[0], codecPrivate[0]));
        }
        return numberAndType[1];
    }

    /** What to do with one child element: its ID, and where its data is. */
    @FunctionalInterface
    private interface Child {
        void accept(int id, int offset, int length);
    }

    private static void forEachChild(byte[] bytes, int offset, int length, long position, Child child) {
        EbmlElement element = new EbmlElement();
        int end = offset + length;
        for (int at = offset; at < end; ) {
            element.readChild(bytes, at, end, position + (at - offset));
            int data = at + element.headerLength;
            child.accept(element.id, data, (int) element.size);
            at = data + (int) element.size;
        }
    }
}
