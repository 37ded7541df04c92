package dev.parley.runtime.audio.decoding;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.SampleBuffer;

/**
 * MP3 (MPEG audio layers I-III) arriving in pieces, decoded with jlayer. Frames are found here, from their headers,
 * and handed to jlayer one whole frame at a time; ID3v2 tags in front are skipped, and ID3v1/APE/Lyrics tags at the
 * end stop the decoding. The sample rate is the first frame's.
 *
 * <p>An encoder's Xing/Info frame is metadata, not audio. When it carries a LAME tag, the encoder delay and padding
 * it records are trimmed (with the decoder's own delay of 529 samples), as gapless players do, so the audio starts
 * and ends where the encoded file did rather than some 50-100 ms later.
 */
public final class Mp3StreamDecoder extends BufferedDecoder {

    private static final int DECODER_DELAY = 529;

    private final MpegAudioHeader first = new MpegAudioHeader();
    private final MpegAudioHeader header = new MpegAudioHeader();
    private final WindowInputStream feed = new WindowInputStream();
    private final Decoder decoder = new Decoder();
    private Bitstream bitstream;
    private long frames;
    private boolean ended;

    @Override
    public int sampleRate() {
        return frames == 0 ? 0 : first.sampleRate;
    }

    @Override
    void consumeInput() {
        while (!ended && input.size() >= 4) {
            if (Id3Tag.startsAt(input)) {
                if (input.size() < Id3Tag.HEADER) {
                    return;
                }
                input.skip(Id3Tag.length(input));
                continue;
            }
            if (!header.read(input.u32be(0))) {
                ended = frames > 0 && (input.startsWith(0, "TAG") || input.startsWith(0, "APE")
                        || input.startsWith(0, "LYR"));
                if (!ended) {
                    throw new AudioDecodingException(frames == 0
                            ? "not MP3: no MPEG audio frame header at byte " + input.position()
                            : "corrupt MP3: no frame header at byte " + input.position() + " after " + frames
                            + " frames (garbage, or a frame cut short)");
                }
            } else if (input.size() >= header.frameLength) {
                readFrame();
                input.consume(header.frameLength);
            } else {
                return;
            }
        }
        if (ended) {
            input.skip(input.size()); // tags after the audio
        }
    }

    private void readFrame() {
        if (frames++ == 0) {
            first.read(input.u32be(0));
            if (readXingTag()) {
                return;
            }
        } else if (!header.sameStream(first)) {
            throw new AudioDecodingException("MP3 changes from " + first + " to " + header + " at byte "
                    + input.position() + "; one stream must keep one format");
        }
        feed.show(input.array(), input.arrayOffset(), header.frameLength);
        SampleBuffer pcm;
        try {
            if (bitstream == null) {
                bitstream = new Bitstream(feed);
            }
            Header frame = bitstream.readFrame();
            if (frame == null) {
                throw new AudioDecodingException("corrupt MP3: jlayer found no frame at byte " + input.position());
            }
            pcm = (SampleBuffer) decoder.decodeFrame(frame, bitstream);
            bitstream.closeFrame();
        } catch (JavaLayerException | RuntimeException e) {
            // jlayer reports some corrupt frames by running off its arrays; either way the frame is bad
            throw new AudioDecodingException("corrupt MP3 frame at byte " + input.position() + ": " + e, e);
        }
        addSamples(pcm.getBuffer(), pcm.getBufferLength(), pcm.getChannelCount());
    }

    private void addSamples(short[] interleaved, int length, int channels) {
        if (channels == 1) {
            output.add(interleaved, 0, length);
            return;
        }
        float[] floats = output.scratch(length);
        for (int i = 0; i < length; i++) {
            floats[i] = interleaved[i] / 32768f;
        }
        output.addInterleaved(floats, length / channels, channels);
    }

    /**
     * Reads the Xing/Info tag if the first frame is one, and sets the trimming its LAME extension describes.
     *
     * @return whether the frame was a tag (and so holds no audio)
     */
    private boolean readXingTag() {
        int at = first.tagOffset;
        if (at + 8 > first.frameLength || !input.startsWith(at, "Xing") && !input.startsWith(at, "Info")) {
            return false;
        }
        int flags = input.u32be(at + 4);
        at += 8;
        long frameCount = (flags & 1) != 0 ? Integer.toUnsignedLong(input.u32be(at)) : -1;
        at += Integer.bitCount(flags & 3) * 4 + ((flags & 4) != 0 ? 100 : 0) + ((flags & 8) != 0 ? 4 : 0);
        boolean lame = input.startsWith(at, "LAME") || input.startsWith(at, "Lavc") || input.startsWith(at, "Lavf");
        if (lame && at + 24 <= first.frameLength) {
            int delay = input.u8(at + 21) << 4 | input.u8(at + 22) >> 4;
            int padding = (input.u8(at + 22) & 0xF) << 8 | input.u8(at + 23);
            output.startStream(delay + DECODER_DELAY);
            if (frameCount > 0) {
                output.limit(frameCount * first.samplesPerFrame - delay - padding);
            }
        }
        return true;
    }
}
