package dev.parley.runtime.audio.decoding;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Audio that says what it is: the first bytes are sniffed, then every piece goes to the decoder for that container.
 * Recognised: WebM/Matroska (EBML magic 1A 45 DF A3) and Ogg ({@code OggS}) with Opus, as browsers record them;
 * WAV ({@code RIFF....WAVE}); MP3 ({@code ID3} or an MPEG audio frame header); FLAC ({@code fLaC}).
 */
public final class MediaContainerDecoder implements StreamDecoder {

    /** Enough for the longest signature, RIFF's 12 bytes. */
    private static final int SNIFF_LENGTH = 12;
    private static final String SUPPORTED = "WebM or Ogg with Opus, WAV, MP3, FLAC";

    private final int opusRate;
    private final byte[] head = new byte[SNIFF_LENGTH];
    private int headLength;
    private StreamDecoder decoder;

    /** Decodes Opus at 16 kHz, the rate speech recognition wants; the other codecs at their own rate. */
    public MediaContainerDecoder() {
        this(OpusStream.SPEECH_RATE);
    }

    /**
     * @param opusRate the rate to decode Opus at: 8000, 12000, 16000, 24000 or 48000; WAV, MP3 and FLAC come out at
     *                 the rate they were recorded at
     * @throws IllegalArgumentException for another rate
     */
    public MediaContainerDecoder(int opusRate) {
        this.opusRate = OpusStream.checkRate(opusRate);
    }

    @Override
    public short[] decode(byte[] piece) {
        if (decoder != null) {
            return decoder.decode(piece);
        }
        int taken = Math.min(piece.length, SNIFF_LENGTH - headLength);
        System.arraycopy(piece, 0, head, headLength, taken);
        headLength += taken;
        if (headLength < SNIFF_LENGTH) {
            return new short[0];
        }
        decoder = sniff();
        short[] first = decoder.decode(head);
        short[] rest = decoder.decode(Arrays.copyOfRange(piece, taken, piece.length));
        short[] both = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, both, first.length, rest.length);
        return both;
    }

    @Override
    public int sampleRate() {
        return decoder == null ? 0 : decoder.sampleRate();
    }

    private StreamDecoder sniff() {
        if (startsWith(0, "\u001A\u0045\u00DF\u00A3")) {
            return new WebmOpusDecoder(opusRate);
        }
        if (startsWith(0, "OggS")) {
            return new OggOpusDecoder(opusRate);
        }
        if (startsWith(0, "RIFF") && startsWith(8, "WAVE")) {
            return new WavStreamDecoder();
        }
        if (startsWith(0, "fLaC")) {
            return new FlacStreamDecoder();
        }
        int frameHeader = (head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | head[3] & 0xFF;
        if (startsWith(0, "ID3") || new MpegAudioHeader().read(frameHeader)) {
            return new Mp3StreamDecoder();
        }
        if (startsWith(4, "ftyp")) {
            throw new AudioDecodingException("MP4 audio (what Safari's MediaRecorder makes) is not supported;"
                    + " supported: " + SUPPORTED);
        }
        throw new AudioDecodingException("unrecognized audio: the first bytes (" + HexFormat.ofDelimiter(" ")
                .formatHex(head, 0, 8) + ") are not the start of any supported container; supported: " + SUPPORTED);
    }

    private boolean startsWith(int offset, String signature) {
        for (int i = 0; i < signature.length(); i++) {
            if ((head[offset + i] & 0xFF) != signature.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
