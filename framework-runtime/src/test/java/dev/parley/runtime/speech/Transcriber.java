package dev.parley.runtime.speech;

import dev.parley.api.AudioFrame;
import dev.parley.api.spi.Recognition;
import dev.parley.api.spi.RecognitionListener;
import dev.parley.api.spi.RecognitionStream;
import dev.parley.api.spi.SpeechToText;
import dev.parley.runtime.audio.AudioConverter;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What a recognizer hears in a piece of audio: how tests check that audio a server sent says what it should. */
public final class Transcriber {
    private Transcriber() {
    }

    /** The words {@code stt} recognizes in {@code audio} (any PCM format), lower case; waits at most 10 s. */
    public static String transcribe(SpeechToText stt, AudioFrame audio) throws Exception {
        CompletableFuture<Recognition> result = new CompletableFuture<>();
        try (RecognitionStream stream = stt.open(new RecognitionListener() {
            @Override
            public void partial(String text) {
            }

            @Override
            public void completed(Recognition recognition) {
                result.complete(recognition);
            }

            @Override
            public void failed(Exception failure) {
                result.completeExceptionally(failure);
            }
        })) {
            stream.accept(new AudioConverter(audio.format(), stt.inputFormat()).convert(audio));
            stream.endTurn();
            return result.get(10, TimeUnit.SECONDS).text().toLowerCase(Locale.ROOT).strip();
        }
    }
}
