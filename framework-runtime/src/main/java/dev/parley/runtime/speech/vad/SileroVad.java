package dev.parley.runtime.speech.vad;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.parley.api.AudioFormat;
import dev.parley.api.spi.VoiceActivityDetector;
import dev.parley.api.spi.VoiceActivityStream;
import dev.parley.runtime.config.Settings;
import dev.parley.runtime.speech.SpeechEngineException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Silero VAD v5 through ONNX Runtime ({@code com.microsoft.onnxruntime:onnxruntime}): a small neural network that
 * tells speech from noise far better than energy-based detectors, at roughly a hundred microseconds per frame.
 *
 * <p>The model file is not part of Parley. It is MIT licensed and ships in npm packages; {@code parley.vad.silero.model}
 * names it:
 * <pre>
 * npm pack {@value #NPM_PACKAGE}
 * tar xzf ricky0123-vad-web-*.tgz package/dist/silero_vad_v5.onnx
 * </pre>
 * Settings: {@code parley.vad.silero.model} (required), {@code parley.vad.silero.sample-rate} 16000 (frames of 512
 * samples) or 8000 (256 samples), default 16000.
 *
 * <p>One ONNX Runtime session is shared by all streams (its {@code run} is thread-safe); each stream keeps the
 * network's recurrent state and the last samples of the previous frame as context, as Silero's own wrapper does.
 * Streams reuse native input and output tensors, so a frame allocates nothing but the small result holder.
 *
 * <p>This class is the only one that touches ONNX Runtime, an optional dependency of the runtime.
 */
public final class SileroVad implements VoiceActivityDetector, AutoCloseable {

    public static final String NAME = "silero";
    /** The npm package (and version) Parley's build and docs take the model from. */
    public static final String NPM_PACKAGE = "@ricky0123/vad-web@0.0.31";
    public static final String MODEL_SETTING = "parley.vad.silero.model";

    private static final int STATE_SIZE = 2 * 1 * 128;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final AudioFormat format;
    private final int frameSamples;
    private final int contextSamples;

    /**
     * Loads the model.
     *
     * @param model      silero_vad_v5.onnx
     * @param sampleRate 16000 or 8000
     * @throws SpeechEngineException if the file is missing or is not a Silero v5 model
     */
    public SileroVad(Path model, int sampleRate) {
        Objects.requireNonNull(model, "model");
        if (sampleRate != 16_000 && sampleRate != 8_000) {
            throw new SpeechEngineException("Silero VAD runs at 16000 or 8000 Hz (parley.vad.silero.sample-rate), not "
                    + sampleRate);
        }
        if (!Files.isRegularFile(model)) {
            throw missingModel("The Silero VAD model file " + model.toAbsolutePath() + " does not exist.");
        }
        this.format = AudioFormat.pcm16(sampleRate);
        this.frameSamples = sampleRate == 16_000 ? 512 : 256;
        this.contextSamples = sampleRate == 16_000 ? 64 : 32;
        this.environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Frames are tiny: one thread per call is fastest, and sessions on other threads run in parallel.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new SpeechEngineException("ONNX Runtime cannot load " + model.toAbsolutePath() + " as a Silero VAD model: "
                    + e.getMessage(), e);
        }
        try {
            checkInputs(model);
            open().close(); // a trial run, so a wrong file fails at startup
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** The engine configured by {@code parley.vad.silero.*}. */
    public static SileroVad fromSettings(Settings settings) {
        String model = settings.get(MODEL_SETTING)
                .orElseThrow(() -> missingModel("The setting " + MODEL_SETTING + " (or PARLEY_VAD_SILERO_MODEL) is not set."));
        return new SileroVad(Path.of(model), settings.getInt("parley.vad.silero.sample-rate", 16_000));
    }

    private static SpeechEngineException missingModel(String problem) {
        return new SpeechEngineException(problem + " Parley does not ship the Silero VAD model: get silero_vad_v5.onnx "
                + "(MIT licensed) from the npm package " + NPM_PACKAGE + " with 'npm pack " + NPM_PACKAGE
                + "' and 'tar xzf ricky0123-vad-web-0.0.31.tgz package/dist/silero_vad_v5.onnx', then set "
                + MODEL_SETTING + " to the file's path; or use parley.vad=webrtc.");
    }

    private void checkInputs(Path model) {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (!inputs.keySet().containsAll(List.of("input", "state", "sr"))
                    || !session.getOutputInfo().keySet().containsAll(List.of("output", "stateN"))) {
                String version = inputs.containsKey("h") ? " (inputs h and c: this is the older Silero v3/v4 model)" : "";
                throw new SpeechEngineException(model.toAbsolutePath() + " is not a Silero VAD v5 model" + version
                        + "; its inputs are " + inputs.keySet() + ". Use silero_vad_v5.onnx from " + NPM_PACKAGE + ".");
            }
        } catch (OrtException e) {
            throw new SpeechEngineException("cannot read the inputs of " + model.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AudioFormat inputFormat() {
        return format;
    }

    @Override
    public int frameSamples() {
        return frameSamples;
    }

    @Override
    public VoiceActivityStream open() {
        try {
            return new Stream();
        } catch (OrtException e) {
            throw new SpeechEngineException("cannot create Silero VAD tensors: " + e.getMessage(), e);
        }
    }

    /** Releases the ONNX Runtime session; streams still open fail afterwards. */
    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException e) {
            // nothing more can be done with a session that fails to close
        }
    }

    @Override
    public String toString() {
        return "SileroVad[" + format.sampleRate() + " Hz, " + frameSamples + " samples]";
    }

    private static FloatBuffer directFloats(int count) {
        return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private final class Stream implements VoiceActivityStream {
        private final FloatBuffer input = directFloats(contextSamples + frameSamples);
        private final FloatBuffer[] states = {directFloats(STATE_SIZE), directFloats(STATE_SIZE)};
        private final FloatBuffer output = directFloats(1);
        private final OnnxTensor inputTensor;
        private final OnnxTensor[] stateTensors = new OnnxTensor[2];
        private final OnnxTensor outputTensor;
        private final OnnxTensor rateTensor;
        private final List<Map<String, OnnxTensor>> inputs;
        private final List<Map<String, OnnxTensor>> outputs;
        private final float[] context = new float[contextSamples];
        private int current; // which of the two state tensors holds the state going in
        private boolean closed;

        Stream() throws OrtException {
            LongBuffer rate = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
            rate.put(0, format.sampleRate());
            OnnxTensor in = null;
            OnnxTensor s0 = null;
            OnnxTensor s1 = null;
            OnnxTensor out = null;
            OnnxTensor sr = null;
            try {
                in = OnnxTensor.createTensor(environment, input, new long[] {1, contextSamples + frameSamples});
                s0 = OnnxTensor.createTensor(environment, states[0], new long[] {2, 1, 128});
                s1 = OnnxTensor.createTensor(environment, states[1], new long[] {2, 1, 128});
                out = OnnxTensor.createTensor(environment, output, new long[] {1, 1});
                sr = OnnxTensor.createTensor(environment, rate, new long[0]);
            } catch (OrtException | RuntimeException e) {
                for (OnnxTensor t : new OnnxTensor[] {in, s0, s1, out, sr}) {
                    if (t != null) {
                        t.close();
                    }
                }
                throw e;
            }
            inputTensor = in;
            stateTensors[0] = s0;
            stateTensors[1] = s1;
            outputTensor = out;
            rateTensor = sr;
            // Two fixed bindings that swap the state tensors: the output state of one frame is the input of the next.
            inputs = List.of(
                    Map.of("input", inputTensor, "state", stateTensors[0], "sr", rateTensor),
                    Map.of("input", inputTensor, "state", stateTensors[1], "sr", rateTensor));
            outputs = List.of(
                    Map.of("output", outputTensor, "stateN", stateTensors[1]),
                    Map.of("output", outputTensor, "stateN", stateTensors[0]));
        }

        @Override
        public float speechProbability(short[] frame) {
            Objects.requireNonNull(frame, "frame");
            if (frame.length != frameSamples) {
                throw new IllegalArgumentException("Silero VAD frames hold " + frameSamples + " samples, not " + frame.length);
            }
            if (closed) {
                throw new IllegalStateException("the VAD stream is closed");
            }
            input.put(0, context);
            for (int i = 0; i < frameSamples; i++) {
                input.put(contextSamples + i, frame[i] / 32768f);
            }
            for (int i = 0; i < contextSamples; i++) {
                context[i] = frame[frameSamples - contextSamples + i] / 32768f;
            }
            OrtSession.Result result;
            try {
                // Outputs are pinned to this stream's tensors: the probability and next state land in its buffers.
                result = session.run(inputs.get(current), outputs.get(current));
            } catch (OrtException e) {
                throw new IllegalStateException("Silero VAD failed: " + e.getMessage(), e);
            }
            result.close();
            current ^= 1;
            return output.get(0);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                inputTensor.close();
                stateTensors[0].close();
                stateTensors[1].close();
                outputTensor.close();
                rateTensor.close();
            }
        }
    }
}
