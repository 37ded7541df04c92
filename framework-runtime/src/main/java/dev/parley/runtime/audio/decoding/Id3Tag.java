package dev.parley.runtime.audio.decoding;

/**
 * ID3v2 tags (id3.org, ID3v2.4 §3), which taggers put in front of MP3 and sometimes FLAC files: the decoders skip
 * them whole, titles and cover art alike, as they arrive.
 */
final class Id3Tag {

    static final int HEADER = 10;

    private Id3Tag() {
    }

    static boolean startsAt(InputBuffer input) {
        return input.startsWith(0, "ID3");
    }

    /**
     * The length of the whole tag at the start of {@code input}, whose {@link #HEADER} bytes must be there: the size
     * is stored 7 bits a byte (so no 0xFF appears to look like a frame sync), and excludes the header and footer.
     */
    static long length(InputBuffer input) {
        long size = 0;
        for (int i = 6; i < 10; i++) {
            size = size << 7 | (input.u8(i) & 0x7F);
        }
        boolean footer = (input.u8(5) & 0x10) != 0;
        return HEADER + size + (footer ? HEADER : 0);
    }
}
