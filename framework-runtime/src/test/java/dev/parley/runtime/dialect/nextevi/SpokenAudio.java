package dev.parley.runtime.dialect.nextevi;

import dev.parley.runtime.speech.SpeechSamples;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/** Speech as the React SDK sends it: 24 kHz PCM16 mono in 4096-byte binary frames, in real time. */
final class SpokenAudio {
    static final int SDK_FRAME_BYTES = 4096;

    private SpokenAudio() {
    }

    /** {@code text} spoken by flite, at 24 kHz, with a pause after it so the turn ends. */
    static byte[] of(String text) {
        short[] spoken = SpeechSamples.resample(SpeechSamples.flite(text, "slt"), 16_000, 24_000);
        return SpeechSamples.bytes(SpeechSamples.concat(spoken, SpeechSamples.silence(1.2, 24_000)));
    }

    /** Sends {@code pcm} frame by frame, each at its real-time moment. */
    static void stream(NexteviTestClient client, byte[] pcm) {
        long start = System.nanoTime();
        long nanosPerFrame = SDK_FRAME_BYTES * 1_000_000_000L / SessionAudio.OUTPUT.bytesPerSecond();
        for (int offset = 0, frame = 1; offset < pcm.length; offset += SDK_FRAME_BYTES, frame++) {
            client.sendBinary(Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + SDK_FRAME_BYTES)));
            LockSupport.parkNanos(start + frame * nanosPerFrame - System.nanoTime());
        }
    }
}
