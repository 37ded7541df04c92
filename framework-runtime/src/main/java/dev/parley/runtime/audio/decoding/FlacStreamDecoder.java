package dev.parley.runtime.audio.decoding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.util.CRC16;

/**
 * FLAC arriving in pieces, decoded with jflac one whole frame at a time. The stream may start with {@code fLaC} and
 * its metadata (STREAMINFO is read, every other block skipped as it arrives, cover art included) or, as a live
 * encoder sends it, directly with frames, which carry their own sample rate and sample size.
 *
 * <p>jflac needs a STREAMINFO even for a stream that has none, so one is made up from the first frame (its channels)
 * and the rate given to the constructor, which only matters to frames that leave their rate to STREAMINFO.
 *
 * <p>FLAC frames do not say how long they are. They end with a CRC-16 of everything before it, so the CRC-16 of a
 * whole frame, footer included, is zero: the bytes are folded into a running CRC as they arrive, and only where it
 * reaches zero is jflac asked to decode the frame. A zero inside a frame (one chance in 65,536 a byte) just makes
 * jflac run out of bytes, and the search goes on.
 */
public final class FlacStreamDecoder extends BufferedDecoder {

    private static final byte[] MAGIC = "fLaC".getBytes(StandardCharsets.US_ASCII);
    private static final int STREAMINFO = 0;
    private static final int STREAMINFO_LENGTH = 34;
    private static final int INVALID_BLOCK = 127;
    /** The smallest frame: a 6-byte header, one constant subframe of 2 bytes, the CRC-16. */
    private static final int MIN_FRAME = 10;
    /** STREAMINFO holds the rate in 20 bits, in steps of 1 Hz. */
    private static final int MAX_RATE = (1 << 20) - 1;

    private final int declaredRate;
    private final WindowInputStream feed = new WindowInputStream();
    private final FLACDecoder flac = new FLACDecoder(feed);
    private String frameError;
    private boolean started;
    private boolean inFrames;
    private int sampleRate;
    private long totalSamples;
    private long samplesDecoded;
    private short crc;
    private int crcLength;

    /** For streams with their header, or whose frames all say their sample rate. */
    public FlacStreamDecoder() {
        this(0);
    }

    /**
     * @param sampleRate the rate of a stream that comes without its header; frames that say their own rate must
     *                   agree with it
     * @throws IllegalArgumentException if FLAC cannot hold the rate
     */
    public FlacStreamDecoder(int sampleRate) {
        if (sampleRate < 0 || sampleRate > MAX_RATE) {
            throw new IllegalArgumentException("FLAC sample rates are 1 to " + MAX_RATE + " Hz, not " + sampleRate);
        }
        this.declaredRate = sampleRate;
        flac.addFrameListener(new FrameListener() {
            @Override
            public void processMetadata(Metadata metadata) {
            }

            @Override
            public void processFrame(Frame frame) {
            }

            @Override
            public void processError(String message) {
                if (message.startsWith("CRC Error")) { // jflac zeroes such a frame rather than failing
                    frameError = message;
                }
            }
        });
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    void consumeInput() {
        while (inFrames ? decodeFrame() : readHeader()) {
            // each step consumed something; go on while there is more
        }
    }

    @Override
    String overflowMessage() {
        return "corrupt FLAC: no complete frame (one whose CRC matches) in the " + maxBufferedText() + " from byte "
                + input.position();
    }

    /** Reads the magic, an ID3 tag or a metadata block; false if more input is needed. */
    private boolean readHeader() {
        if (input.size() < 4) {
            return false;
        }
        if (!started) {
            if (Id3Tag.startsAt(input)) {
                if (input.size() < Id3Tag.HEADER) {
                    return false;
                }
                input.skip(Id3Tag.length(input));
                return true;
            }
            started = true;
            if (isFrameSync()) {
                readStreamInfo(impliedStreamInfo(), 0); // no header: a live stream of frames
                inFrames = true;
            } else if (input.startsWith(0, "fLaC")) {
                input.consume(4);
            } else {
                throw new AudioDecodingException("not FLAC: the stream starts with neither 'fLaC' nor a frame");
            }
            return true;
        }
        boolean last = (input.u8(0) & 0x80) != 0;
        int type = input.u8(0) & 0x7F;
        int length = input.u8(1) << 16 | input.u8(2) << 8 | input.u8(3);
        if (type == INVALID_BLOCK || type == STREAMINFO && length != STREAMINFO_LENGTH) {
            throw new AudioDecodingException("corrupt FLAC: metadata block of type " + type + " and " + length
                    + " bytes at byte " + input.position());
        }
        if (type == STREAMINFO) {
            if (input.size() < 4 + length) {
                return false;
            }
            readStreamInfo(input.array(), input.arrayOffset() + 4);
        }
        input.skip(4 + length);
        inFrames = last;
        return true;
    }

    /** Lets jflac read the 34 bytes of a STREAMINFO, presented as a stream whose only block it is. */
    private void readStreamInfo(byte[] info, int offset) {
        byte[] stream = new byte[8 + STREAMINFO_LENGTH];
        System.arraycopy(MAGIC, 0, stream, 0, MAGIC.length);
        stream[4] = (byte) 0x80; // the last block, so jflac stops after it
        stream[7] = STREAMINFO_LENGTH;
        System.arraycopy(info, offset, stream, 8, STREAMINFO_LENGTH);
        feed.show(stream, 0, stream.length);
        try {
            flac.readMetadata();
        } catch (IOException | RuntimeException e) {
            throw new AudioDecodingException("corrupt FLAC: unreadable STREAMINFO at byte " + input.position(), e);
        }
        sampleRate = flac.getStreamInfo().getSampleRate();
        totalSamples = flac.getStreamInfo().getTotalSamples();
    }

    /**
     * A STREAMINFO for the frames at the start of the input: any block size, the first frame's channels, the declared
     * rate, 16-bit samples, an unknown length.
     */
    private byte[] impliedStreamInfo() {
        int channelAssignment = input.u8(3) >> 4;
        int channels = channelAssignment < 8 ? channelAssignment + 1 : 2; // 8..10 are stereo coded as side channels
        byte[] info = new byte[STREAMINFO_LENGTH];
        info[1] = 16; // smallest block size
        info[2] = (byte) 0xFF; // largest: 65535
        info[3] = (byte) 0xFF;
        // rate (20 bits), channels - 1 (3), bits per sample - 1 (5), total samples (36: 0, unknown)
        long packed = (long) declaredRate << 44 | (long) (channels - 1) << 41 | 15L << 36;
        for (int i = 0; i < 8; i++) {
            info[10 + i] = (byte) (packed >>> 56 - 8 * i);
        }
        return info;
    }

    /** Decodes the frame at the start of the input if it is complete; false if more input is needed. */
    private boolean decodeFrame() {
        if (totalSamples > 0 && samplesDecoded >= totalSamples) {
            input.skip(input.size()); // after the last frame: tags, or nothing
            return false;
        }
        if (input.size() < 2) {
            return false;
        }
        if (!isFrameSync()) {
            throw new AudioDecodingException("corrupt FLAC: no frame starts at byte " + input.position()
                    + " (garbage, or a frame cut short)");
        }
        byte[] bytes = input.array();
        int offset = input.arrayOffset();
        while (crcLength < input.size()) {
            crc = CRC16.update(bytes[offset + crcLength++], crc);
            if (crc == 0 && crcLength >= MIN_FRAME && decodeFrame(crcLength)) {
                input.consume(crcLength);
                crc = 0;
                crcLength = 0;
                return true;
            }
        }
        return false;
    }

    /** Asks jflac to decode the first {@code length} bytes as one frame; false if it needed more. */
    private boolean decodeFrame(int length) {
        feed.show(input.array(), input.arrayOffset(), length);
        flac.getBitInputStream().reset();
        int badFrames = flac.getBadFrames();
        Frame frame;
        try {
            frame = flac.readNextFrame();
        } catch (IOException | RuntimeException e) {
            throw corruptFrame(e.toString());
        }
        if (flac.getBadFrames() > badFrames || frameError != null) {
            throw corruptFrame(frameError != null ? frameError : "jflac could not read it");
        }
        if (frame == null) {
            return false;
        }
        if (frame.header.sampleRate == 0) {
            throw corruptFrame("it leaves its sample rate to a STREAMINFO header, and the stream came without one"
                    + " and without a declared rate");
        }
        if (sampleRate == 0) {
            sampleRate = frame.header.sampleRate;
        } else if (frame.header.sampleRate != sampleRate) {
            throw corruptFrame("it is at " + frame.header.sampleRate + " Hz, the stream at " + sampleRate);
        }
        addSamples(flac.getChannelData(), frame.header.blockSize, frame.header.channels, frame.header.bitsPerSample);
        samplesDecoded += frame.header.blockSize;
        return true;
    }

    private void addSamples(ChannelData[] channelData, int frames, int channels, int bitsPerSample) {
        float scale = (float) (1.0 / (1L << (bitsPerSample - 1)));
        float[] interleaved = output.scratch(frames * channels);
        for (int c = 0; c < channels; c++) {
            int[] samples = channelData[c].getOutput();
            for (int i = 0; i < frames; i++) {
                interleaved[i * channels + c] = samples[i] * scale;
            }
        }
        output.addInterleaved(interleaved, frames, channels);
    }

    /** 14 set bits, a reserved 0 and the blocking-strategy bit: 0xFFF8 or 0xFFF9. */
    private boolean isFrameSync() {
        return input.u8(0) == 0xFF && (input.u8(1) & 0xFE) == 0xF8;
    }

    private AudioDecodingException corruptFrame(String why) {
        return new AudioDecodingException("corrupt FLAC frame at byte " + input.position() + ": " + why);
    }
}
