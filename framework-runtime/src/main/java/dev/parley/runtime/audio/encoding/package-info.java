/**
 * Streaming encoders for agent speech sent to clients in a file format (PlayAI's {@code outputFormat}): MP3, WAV,
 * FLAC, Ogg Opus, raw 32-bit float and mu-law. A response is encoded piece by piece as it is synthesized, 20 to
 * 100 ms at a time, and each piece goes out as soon as it is encoded; everything an encoder returns, concatenated,
 * is a valid file of its format, whose length is unknown when its header is written.
 *
 * <p>{@link dev.parley.runtime.audio.encoding.EncodedFormat} opens an encoder per response. The compressed formats
 * use pure-Java libraries (jump3r, java-flac-encoder, Concentus) and Parley's own Ogg page writer; the others reuse
 * the codecs of {@link dev.parley.runtime.audio}. Encoders allocate per call, never per sample, and are not
 * thread-safe: one per stream.
 */
package dev.parley.runtime.audio.encoding;
