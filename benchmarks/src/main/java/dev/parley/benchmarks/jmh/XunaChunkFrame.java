package dev.parley.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The payload of the frame the container benchmarks take apart: a client's XUNA {@code user_audio_chunk}. */
public final class XunaChunkFrame {
    private XunaChunkFrame() {
    }

    /** 100 ms of 16 kHz PCM (3,200 bytes) as the published client sends it: 4,290 bytes of ASCII. */
    public static byte[] payload() {
        byte[] pcm = new byte[3_200];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) (i * 7);
        }
        return ("{\"user_audio_chunk\":\"" + Base64.getEncoder().encodeToString(pcm) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
