package dev.parley.runtime.audio.decoding;

import javazoom.jl.decoder.Header;

/**
 * The four-byte header of an MPEG-1/2/2.5 audio frame (ISO 11172-3, 13818-3): enough to know where the frame ends
 * before handing it to jlayer, and to recognise an MP3 stream that has no ID3 tag. The bitrate and sample-rate
 * tables are jlayer's. Free-format streams (no bitrate in the header) are not recognised: nothing records them.
 * One instance is reused for every frame.
 */
final class MpegAudioHeader {

    /** jlayer's version index: {@link Header#MPEG1}, {@link Header#MPEG2_LSF} or {@link Header#MPEG25_LSF}. */
    int version;
    int layer;
    int sampleRate;
    int channels;
    int frameLength;
    int samplesPerFrame;
    /** Where a Xing/Info tag would start in this frame: after the header, its CRC and the Layer III side info. */
    int tagOffset;

    /** Reads {@code header} (big-endian); false if it is not a frame header this class knows. */
    boolean read(int header) {
        int versionBits = header >>> 19 & 3;
        int layerBits = header >>> 17 & 3;
        int bitrateIndex = header >>> 12 & 0xF;
        int rateIndex = header >>> 10 & 3;
        if (header >>> 21 != 0x7FF || versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15
                || rateIndex == 3) {
            return false;
        }
        version = versionBits == 3 ? Header.MPEG1 : versionBits == 2 ? Header.MPEG2_LSF : Header.MPEG25_LSF;
        layer = 4 - layerBits;
        sampleRate = Header.frequencies[version][rateIndex];
        channels = (header >>> 6 & 3) == 3 ? 1 : 2;
        int bitrate = Header.bitrates[version][layer - 1][bitrateIndex];
        int padding = header >>> 9 & 1;
        boolean mpeg1 = version == Header.MPEG1;
        if (layer == 1) {
            samplesPerFrame = 384;
            frameLength = (12 * bitrate / sampleRate + padding) * 4;
        } else {
            samplesPerFrame = layer == 3 && !mpeg1 ? 576 : 1152;
            frameLength = samplesPerFrame / 8 * bitrate / sampleRate + padding;
        }
        int sideInfo = layer != 3 ? 0 : mpeg1 ? (channels == 1 ? 17 : 32) : (channels == 1 ? 9 : 17);
        tagOffset = 4 + ((header >>> 16 & 1) == 0 ? 2 : 0) + sideInfo;
        return true;
    }

    /** Whether a frame with header {@code other} can follow this one in the same stream. */
    boolean sameStream(MpegAudioHeader other) {
        return version == other.version && layer == other.layer && sampleRate == other.sampleRate
                && channels == other.channels;
    }

    @Override
    public String toString() {
        String name = version == Header.MPEG1 ? "MPEG-1" : version == Header.MPEG2_LSF ? "MPEG-2" : "MPEG-2.5";
        return name + " layer " + layer + ", " + sampleRate + " Hz, " + (channels == 1 ? "mono" : "stereo");
    }
}
