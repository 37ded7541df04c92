package dev.parley.runtime.speech.pipeline;

import dev.parley.api.AudioFormat;
import dev.parley.api.AudioFrame;
import dev.parley.api.TurnTaking;
import dev.parley.api.spi.Recognition;
import dev.parley.api.spi.RecognitionListener;
import dev.parley.api.spi.RecognitionStream;
import dev.parley.api.spi.SpeechToText;
import dev.parley.api.spi.VoiceActivityDetector;
import dev.parley.api.spi.VoiceActivityStream;
import dev.parley.runtime.audio.AudioConverter;
import java.util.ArrayDeque;

/**
 * Hears one session's user: client audio -> resample -> voice activity -> turn detection -> speech to text. Audio
 * reaches the recognizer only while the user talks (plus a short pre-roll, so the first syllable is not lost),
 * which keeps recognition cost proportional to speech, not to connection time.
 *
 * <p>Fed by one thread at a time (the session's speech lane); results and decisions go to {@link Listener}.
 */
public final class SpeechInput implements AutoCloseable {
    private static final int PRE_ROLL_MS = 300;

    /** What the pipeline tells its session. */
    public interface Listener {
        /** The user started talking. */
        void speechStarted();

        /** The user stopped talking: the turn ended, or it was too short to be one. */
        void speechStopped();

        /** The user has been talking long enough to interrupt the agent (once per turn). */
        void bargeIn();

        /** Words recognized so far in this turn. */
        void partialTranscript(String text);

        /** The turn ended with these words (possibly none). */
        void turnEnded(Recognition recognition);

        /** Recognition failed; the session goes on without speech input. */
        void failed(Exception failure);
    }

    private final VoiceActivityStream vad;
    private final RecognitionStream stt;
    private final AudioConverter toVad;
    private final AudioConverter toStt;
    private final AudioFormat vadFormat;
    private final short[] vadFrame;
    private final long vadFrameMs;
    private final TurnDetector turns;
    private final Listener listener;
    private final ArrayDeque<AudioFrame> preRoll = new ArrayDeque<>();
    private long preRollMs;
    private int vadFill;
    private boolean bargedIn;
    private TurnTaking settings;
    private volatile TurnTaking pendingSettings;

    public SpeechInput(AudioFormat clientFormat, VoiceActivityDetector detector, SpeechToText recognizer,
                       TurnTaking turnTaking, Listener listener) {
        this.vadFormat = detector.inputFormat();
        this.vad = detector.open();
        this.vadFrame = new short[detector.frameSamples()];
        this.vadFrameMs = detector.frameSamples() * 1000L / vadFormat.sampleRate();
        this.toVad = new AudioConverter(clientFormat, vadFormat);
        this.toStt = new AudioConverter(vadFormat, recognizer.inputFormat());
        this.settings = turnTaking;
        this.turns = new TurnDetector(turnTaking);
        this.listener = listener;
        this.stt = recognizer.open(new RecognitionListener() {
            @Override
            public void partial(String text) {
                listener.partialTranscript(text);
            }

            @Override
            public void completed(Recognition recognition) {
                listener.turnEnded(recognition);
            }

            @Override
            public void failed(Exception failure) {
                listener.failed(failure);
            }
        });
    }

    /** New thresholds, applied from the next frame on (any thread). */
    public void turnTaking(TurnTaking settings) {
        pendingSettings = settings;
    }

    /**
     * More user audio. {@code agentSpeaking} says whether the agent's speech is playing, for barge-in.
     *
     * @return whether the user is talking after this frame
     */
    public boolean accept(AudioFrame clientAudio, boolean agentSpeaking) {
        TurnTaking changed = pendingSettings;
        if (changed != null) {
            pendingSettings = null;
            settings = changed;
            turns.settings(changed);
        }
        AudioFrame audio = toVad.convert(clientAudio);
        byte[] pcm = audio.data();
        for (int offset = 0; offset < pcm.length; offset += 2) {
            vadFrame[vadFill++] = (short) ((pcm[offset] & 0xFF) | (pcm[offset + 1] << 8));
            if (vadFill == vadFrame.length) {
                vadFill = 0;
                analyse(agentSpeaking);
            }
        }
        return turns.talking();
    }

    private void analyse(boolean agentSpeaking) {
        AudioFrame frame = pcmFrame(vadFrame);
        TurnDetector.Event event = turns.frame(vad.speechProbability(vadFrame), vadFrameMs);
        switch (event) {
            case SPEECH_STARTED -> {
                bargedIn = false;
                listener.speechStarted();
                preRoll.forEach(this::recognize);
                preRoll.clear();
                preRollMs = 0;
                recognize(frame);
            }
            case TURN_ENDED -> {
                recognize(frame);
                listener.speechStopped();
                stt.endTurn();
            }
            case FALSE_START -> {
                listener.speechStopped();
                stt.reset();
            }
            case NONE -> {
                if (turns.talking()) {
                    recognize(frame);
                } else {
                    remember(frame);
                }
            }
        }
        if (turns.talking() && agentSpeaking && !bargedIn && turns.speechMillis() >= settings.bargeIn().toMillis()) {
            bargedIn = true;
            listener.bargeIn();
        }
    }

    private void recognize(AudioFrame frame) {
        stt.accept(toStt.convert(frame));
    }

    /** Keeps the last {@value #PRE_ROLL_MS} ms before speech starts. */
    private void remember(AudioFrame frame) {
        preRoll.add(frame);
        preRollMs += vadFrameMs;
        while (preRollMs > PRE_ROLL_MS) {
            preRoll.poll();
            preRollMs -= vadFrameMs;
        }
    }

    private AudioFrame pcmFrame(short[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return new AudioFrame(vadFormat, bytes);
    }

    @Override
    public void close() {
        vad.close();
        stt.close();
    }
}
