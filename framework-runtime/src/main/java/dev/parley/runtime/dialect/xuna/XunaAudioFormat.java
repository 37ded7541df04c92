package dev.parley.runtime.dialect.xuna;

import dev.parley.api.AudioFormat;
import java.util.List;
import java.util.Locale;

/** XUNA's audio format names ({@code pcm_16000}, {@code ulaw_8000}) and the formats they stand for. */
final class XunaAudioFormat {
    static final List<Integer> PCM_RATES = List.of(8_000, 16_000, 22_050, 24_000, 44_100, 48_000);

    private XunaAudioFormat() {
    }

    static AudioFormat parse(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("ulaw_8000")) {
            return new AudioFormat(AudioFormat.Encoding.MULAW, 8_000, 1);
        }
        if (normalized.startsWith("pcm_")) {
            try {
                int rate = Integer.parseInt(normalized.substring(4));
                if (PCM_RATES.contains(rate)) {
                    return AudioFormat.pcm16(rate);
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        throw new IllegalArgumentException("Unsupported XUNA audio format '" + name + "'; supported: ulaw_8000, "
                + String.join(", ", PCM_RATES.stream().map(rate -> "pcm_" + rate).toList()));
    }

    static String name(AudioFormat format) {
        return (format.encoding() == AudioFormat.Encoding.MULAW ? "ulaw_" : "pcm_") + format.sampleRate();
    }
}
