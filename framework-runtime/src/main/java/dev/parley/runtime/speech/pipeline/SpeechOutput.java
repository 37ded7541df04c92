package dev.parley.runtime.speech.pipeline;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.api.spi.Synthesis;
import dev.parley.api.spi.SynthesisListener;
import dev.parley.api.spi.TextToSpeech;
import dev.parley.runtime.audio.AudioConverter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Speaks one session's responses: sentence by sentence through the TTS engine (so the first audio leaves before
 * the whole reply is synthesized), converted to the client's format, in chunks paced no more than
 * {@code lead} ahead of real time (so an interruption leaves little audio buffered at the client), and tracks
 * the playout position to know what the user heard.
 *
 * <p>All state is guarded by this object's lock; sends happen under it too, so once {@link #stop} returns no
 * audio of the stopped response is sent. Callbacks ({@code playedOut}) run outside the lock, on the lane.
 */
public final class SpeechOutput {
    /** Audio is sent in chunks of this length: fine enough for pacing and for cutting off quickly. */
    static final int CHUNK_MS = 100;

    /** Where paced audio goes: the conversation's output. */
    public interface AudioSink {
        void send(long responseId, AudioFrame frame);
    }

    private record Chunk(Utterance utterance, AudioFrame frame, long durationMs) {
    }

    private final TextToSpeech tts;
    private final String voice;
    private final AudioFormat clientFormat;
    private final AudioSink sink;
    private final Executor lane;
    private final ScheduledExecutorService timer;
    private final long leadNanos;
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private final ArrayDeque<Utterance.Sentence> toSynthesize = new ArrayDeque<>();
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final Runnable pump = this::pump;
    private AudioConverter converter;
    private Utterance current;
    private Synthesis synthesis;
    private boolean pumpScheduled;
    /** When everything sent so far has played at the client. */
    private long playheadNanos;

    public SpeechOutput(TextToSpeech tts, String voice, AudioFormat clientFormat, AudioSink sink, Executor lane,
                        ScheduledExecutorService timer, long leadMillis) {
        this.tts = tts;
        this.voice = voice;
        this.clientFormat = clientFormat;
        this.sink = sink;
        this.lane = lane;
        this.timer = timer;
        this.leadNanos = TimeUnit.MILLISECONDS.toNanos(leadMillis);
    }

    /** More text of response {@code responseId}; complete sentences start synthesizing. */
    public synchronized void text(long responseId, String delta) {
        Utterance utterance = utterance(responseId);
        for (String sentence : splitter.add(delta)) {
            queueSentence(utterance, sentence);
        }
    }

    /** The response's text is complete; {@code playedOut} runs when its last audio has played at the client. */
    public synchronized void endOfText(long responseId, Runnable playedOut) {
        Utterance utterance = utterance(responseId);
        for (String sentence : splitter.flush()) {
            queueSentence(utterance, sentence);
        }
        utterance.textComplete = true;
        utterance.playedOut = playedOut;
        finishIfDone();
    }

    /** Whether agent speech is being synthesized, queued or playing at the client. */
    public synchronized boolean isPlaying() {
        return current != null;
    }

    /**
     * Stops response {@code responseId} at once: synthesis cancelled, queued audio dropped. Returns what the
     * user heard of it, or null if it is not the one speaking.
     */
    public synchronized String stop(long responseId) {
        if (current == null || current.responseId != responseId) {
            return null;
        }
        String heard = current.heardText(System.nanoTime());
        if (synthesis != null) {
            synthesis.cancel();
            synthesis = null;
        }
        queue.clear();
        toSynthesize.clear();
        splitter.flush();
        current = null;
        playheadNanos = System.nanoTime();
        return heard;
    }

    private Utterance utterance(long responseId) {
        if (current == null || current.responseId != responseId) {
            current = new Utterance(responseId);
            splitter.flush();
        }
        return current;
    }

    private void queueSentence(Utterance utterance, String text) {
        Utterance.Sentence sentence = new Utterance.Sentence(text);
        utterance.sentences.add(sentence);
        toSynthesize.add(sentence);
        if (synthesis == null) {
            synthesizeNext(utterance);
        }
    }

    private void synthesizeNext(Utterance utterance) {
        Utterance.Sentence sentence = toSynthesize.poll();
        if (sentence == null) {
            return;
        }
        synthesis = tts.synthesize(sentence.text, voice, new SynthesisListener() {
            @Override
            public void audio(AudioFrame chunk) {
                synthesized(utterance, sentence, chunk);
            }

            @Override
            public void completed() {
                sentenceDone(utterance);
            }

            @Override
            public void failed(Exception failure) {
                System.getLogger(SpeechOutput.class.getName()).log(System.Logger.Level.ERROR,
                        "Speech synthesis failed for \"" + sentence.text + "\"", failure);
                sentenceDone(utterance);
            }
        });
    }

    private synchronized void synthesized(Utterance utterance, Utterance.Sentence sentence, AudioFrame chunk) {
        if (utterance != current) {
            return;
        }
        if (converter == null || !converter.inputFormat().equals(chunk.format())) {
            converter = new AudioConverter(chunk.format(), clientFormat);
        }
        AudioFrame converted = converter.convert(chunk);
        if (sentence.startMs < 0) {
            sentence.startMs = utterance.audioMs;
        }
        byte[] data = converted.data();
        int chunkBytes = Math.max(clientFormat.frameSize(), clientFormat.bytesPerSecond() / 1000 * CHUNK_MS
                / clientFormat.frameSize() * clientFormat.frameSize());
        for (int offset = 0; offset < data.length; offset += chunkBytes) {
            byte[] piece = java.util.Arrays.copyOfRange(data, offset, Math.min(data.length, offset + chunkBytes));
            AudioFrame frame = new AudioFrame(clientFormat, piece);
            long durationMs = piece.length * 1000L / clientFormat.bytesPerSecond();
            queue.add(new Chunk(utterance, frame, durationMs));
            utterance.audioMs += durationMs;
        }
        sentence.endMs = utterance.audioMs;
        schedulePump(0);
    }

    private synchronized void sentenceDone(Utterance utterance) {
        if (utterance != current) {
            return;
        }
        synthesis = null;
        synthesizeNext(utterance);
        finishIfDone();
    }

    /** Sends what may go now; comes back when the client's buffer has room again. */
    private void pump() {
        List<Runnable> callbacks = new ArrayList<>();
        synchronized (this) {
            pumpScheduled = false;
            long now = System.nanoTime();
            while (!queue.isEmpty()) {
                long start = Math.max(now, playheadNanos);
                if (start - now > leadNanos) {
                    schedulePump(start - now - leadNanos);
                    break;
                }
                Chunk chunk = queue.poll();
                if (chunk.utterance().playStartNanos < 0) {
                    chunk.utterance().playStartNanos = start;
                }
                playheadNanos = start + TimeUnit.MILLISECONDS.toNanos(chunk.durationMs());
                sink.send(chunk.utterance().responseId, chunk.frame());
            }
            finishIfDone(callbacks);
        }
        callbacks.forEach(Runnable::run);
    }

    private void finishIfDone() {
        List<Runnable> callbacks = new ArrayList<>();
        finishIfDone(callbacks);
        callbacks.forEach(lane::execute);
    }

    /**
     * When the response's text is complete and all its audio sent, its end is due when the audio has played.
     * It stays current until then, so the user can still interrupt its last second.
     */
    private void finishIfDone(List<Runnable> callbacks) {
        Utterance utterance = current;
        if (utterance == null || utterance.playedOut == null || !utterance.textComplete || synthesis != null
                || !toSynthesize.isEmpty() || !queue.isEmpty()) {
            return;
        }
        Runnable playedOut = utterance.playedOut;
        utterance.playedOut = null;
        Runnable finish = () -> {
            boolean stillCurrent;
            synchronized (this) {
                stillCurrent = current == utterance;
                if (stillCurrent) {
                    current = null;
                }
            }
            if (stillCurrent) {
                playedOut.run();
            }
        };
        long remaining = playheadNanos - System.nanoTime();
        if (remaining <= 0) {
            callbacks.add(finish);
        } else {
            timer.schedule(() -> lane.execute(finish), remaining, TimeUnit.NANOSECONDS);
        }
    }

    private void schedulePump(long delayNanos) {
        if (pumpScheduled) {
            return;
        }
        pumpScheduled = true;
        if (delayNanos <= 0) {
            lane.execute(pump);
        } else {
            timer.schedule(() -> lane.execute(pump), delayNanos, TimeUnit.NANOSECONDS);
        }
    }
}
