package dev.parley.runtime.audio.encoding;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/** MP3 decoded by JLayer (javazoom), a decoder independent of LAME. */
record Mp3Decoding(List<Header> frames, short[] samples) {

    static Mp3Decoding decode(byte[] mp3) {
        Bitstream bits = new Bitstream(new ByteArrayInputStream(mp3));
        Decoder decoder = new Decoder();
        List<Header> frames = new ArrayList<>();
        short[] samples = new short[0];
        int length = 0;
        try {
            for (Header header = bits.readFrame(); header != null; header = bits.readFrame()) {
                SampleBuffer output = (SampleBuffer) decoder.decodeFrame(header, bits);
                int count = output.getBufferLength();
                if (samples.length < length + count) {
                    samples = Arrays.copyOf(samples, 2 * (length + count));
                }
                System.arraycopy(output.getBuffer(), 0, samples, length, count);
                length += count;
                frames.add(header);
                bits.closeFrame();
            }
        } catch (BitstreamException | DecoderException e) {
            throw new AssertionError("JLayer cannot decode the MP3 stream", e);
        }
        return new Mp3Decoding(frames, Arrays.copyOf(samples, length));
    }

    int sampleRate() {
        return frames.get(0).frequency();
    }

    int channels() {
        return frames.get(0).mode() == Header.SINGLE_CHANNEL ? 1 : 2;
    }

    /** The bytes of the whole frames {@code piece} starts with, as JLayer reads the headers. */
    static int wholeFramesLength(byte[] piece) {
        Bitstream bits = new Bitstream(new ByteArrayInputStream(piece));
        int length = 0;
        try {
            for (Header header = bits.readFrame(); header != null; header = bits.readFrame()) {
                length += header.framesize + 4; // JLayer's framesize leaves out the 4-byte header
                bits.closeFrame();
            }
        } catch (BitstreamException e) {
            throw new AssertionError("JLayer cannot read the frames", e);
        }
        return length;
    }
}
