package dev.parley.runtime.audio.decoding;

import dev.parley.runtime.audio.decoding.MatroskaTracks.AudioTrack;

/**
 * WebM (or Matroska) with an Opus audio track, streamed: what a browser's MediaRecorder makes with
 * {@code audio/webm;codecs=opus}. Its first piece holds the EBML header; every later one is whatever the recorder's
 * timeslice cut, often in the middle of an element.
 *
 * <p>A small reader of its own (jcodec's expects video): elements are taken one at a time from a bounded buffer.
 * Segment and Cluster are entered, not read whole, since a live recorder writes them with an unknown size and a
 * Cluster can last for seconds; their children are read where they stand. The EBML header, Tracks and blocks are read
 * whole, everything else is skipped as it arrives. Any element larger than 1 MB is an error, skipped or not, and so
 * is an element ID that has no place in a Segment: after a good start, that is how garbage shows.
 */
public final class WebmOpusDecoder extends OpusContainerDecoder {

    private static final int EBML = 0x1A45DFA3;
    private static final int SEGMENT = 0x18538067;
    private static final int SEEK_HEAD = 0x114D9B74;
    private static final int INFO = 0x1549A966;
    private static final int TRACKS = 0x1654AE6B;
    private static final int CLUSTER = 0x1F43B675;
    private static final int CUES = 0x1C53BB6B;
    private static final int ATTACHMENTS = 0x1941A469;
    private static final int CHAPTERS = 0x1043A770;
    private static final int TAGS = 0x1254C367;
    private static final int TIMESTAMP = 0xE7;
    private static final int SILENT_TRACKS = 0x5854;
    private static final int POSITION = 0xA7;
    private static final int PREV_SIZE = 0xAB;
    private static final int SIMPLE_BLOCK = 0xA3;
    private static final int BLOCK_GROUP = 0xA0;
    private static final int BLOCK = 0xA1;
    private static final int ENCRYPTED_BLOCK = 0xAF;
    private static final int VOID = 0xEC;
    private static final int CRC32 = 0xBF;

    private final EbmlElement element = new EbmlElement();
    private final EbmlElement child = new EbmlElement();
    private final MatroskaBlock block = new MatroskaBlock();
    private boolean headerRead;
    private long audioTrack = -1;

    /** Decodes at 16 kHz, the rate speech recognition wants. */
    public WebmOpusDecoder() {
        this(OpusStream.SPEECH_RATE);
    }

    /**
     * @param sampleRate the rate to decode at: 8000, 12000, 16000, 24000 or 48000
     * @throws IllegalArgumentException for another rate
     */
    public WebmOpusDecoder(int sampleRate) {
        super(sampleRate);
    }

    @Override
    void consumeInput() {
        while (element.read(input.array(), input.arrayOffset(), input.arrayOffset() + input.size(), input.position())) {
            int id = element.id;
            long position = input.position();
            checkPlace(id, position);
            if (id == SEGMENT || id == CLUSTER) {
                input.consume(element.headerLength); // entered: the children follow
                continue;
            }
            if (element.size == EbmlElement.UNKNOWN_SIZE) {
                throw EbmlElement.corrupt("element " + EbmlElement.hex(id) + " has an unknown size, which only"
                        + " Segment and Cluster may have", position);
            }
            if (element.size > MAX_BUFFERED - element.headerLength) {
                throw new AudioDecodingException("WebM element " + EbmlElement.hex(id) + " at byte " + position
                        + " is " + element.size + " bytes; at most " + maxBufferedText() + " is accepted");
            }
            int total = element.headerLength + (int) element.size;
            if (!readsWhole(id)) {
                input.skip(total);
                continue;
            }
            if (input.size() < total) {
                return;
            }
            read(id, input.arrayOffset() + element.headerLength, (int) element.size, position + element.headerLength);
            input.consume(total);
        }
    }

    /** The first element must be the EBML header; after it, only what a Segment holds. */
    private void checkPlace(int id, long position) {
        if (!headerRead && id != EBML) {
            throw new AudioDecodingException("not WebM: expected the EBML header (1A 45 DF A3) at byte " + position
                    + ", found element " + EbmlElement.hex(id));
        }
        switch (id) {
            case EBML, SEGMENT, SEEK_HEAD, INFO, TRACKS, CLUSTER, CUES, ATTACHMENTS, CHAPTERS, TAGS,
                 TIMESTAMP, SILENT_TRACKS, POSITION, PREV_SIZE, SIMPLE_BLOCK, BLOCK_GROUP, ENCRYPTED_BLOCK, VOID,
                 CRC32 -> {
            }
            default -> throw EbmlElement.corrupt("element " + EbmlElement.hex(id) + " has no place in a WebM"
                    + " Segment (garbage, or a wrong element size before it)", position);
        }
    }

    private static boolean readsWhole(int id) {
        return id == EBML || id == TRACKS || id == SIMPLE_BLOCK || id == BLOCK_GROUP;
    }

    private void read(int id, int offset, int length, long position) {
        byte[] bytes = input.array();
        switch (id) {
            case EBML -> {
                // a recorder restarted by the client begins a new stream: its Tracks come next
                MatroskaTracks.checkDocType(bytes, offset, length, position);
                headerRead = true;
                audioTrack = -1;
            }
            case TRACKS -> startTrack(MatroskaTracks.audioTrack(bytes, offset, length, position), position);
            case SIMPLE_BLOCK -> decodeBlock(bytes, offset, length, position);
            default -> { // BlockGroup: its Block, if any; the rest (durations, references) do not change the audio
                for (int at = offset; at < offset + length; at += child.headerLength + (int) child.size) {
                    long where = position + (at - offset);
                    child.readChild(bytes, at, offset + length, where);
                    if (child.id == BLOCK) {
                        decodeBlock(bytes, at + child.headerLength, (int) child.size, where + child.headerLength);
                    }
                }
            }
        }
    }

    private void startTrack(AudioTrack track, long position) {
        if (!track.codecId().equals("A_OPUS")) {
            throw new AudioDecodingException("the WebM audio track is coded as " + track.codecId()
                    + "; only Opus (A_OPUS) is supported");
        }
        byte[] head = track.codecPrivate();
        startOpus(head == null ? OpusHead.NONE
                : OpusHead.parse(head, 0, head.length, "the CodecPrivate of the track at byte " + position));
        audioTrack = track.number();
    }

    private void decodeBlock(byte[] bytes, int offset, int length, long position) {
        if (audioTrack < 0) {
            throw EbmlElement.corrupt("a block comes before the Tracks element that says what it holds", position);
        }
        block.read(bytes, offset, length, position);
        if (block.trackNumber != audioTrack) {
            return;
        }
        for (int i = 0; i < block.frameCount; i++) {
            opus().decode(bytes, block.frameOffsets[i], block.frameLengths[i], output);
        }
    }
}
