/**
 * Audio plumbing for sessions: G.711 and PCM sample codecs, WAV files, a streaming sample-rate
 * converter and {@link dev.parley.runtime.audio.AudioConverter}, which chains them to turn a stream of
 * {@link dev.parley.api.AudioFrame}s from one {@link dev.parley.api.AudioFormat} into another.
 *
 * <p>Everything here uses the JDK only. The per-sample paths work on caller-supplied arrays with
 * offsets so a session can reuse its buffers; the convenience overloads that return new arrays
 * allocate once per call, never per sample.
 */
package dev.parley.runtime.audio;
