/**
 * Streaming decoders for compressed audio a client sends in pieces (the PlayAI dialect's {@code audioIn}), each a
 * {@link dev.parley.runtime.audio.decoding.StreamDecoder} that turns whatever bytes arrived into mono PCM16.
 *
 * <p>{@link dev.parley.runtime.audio.decoding.MediaContainerDecoder} sniffs the container and hands over to
 * {@link dev.parley.runtime.audio.decoding.WebmOpusDecoder} (a browser's MediaRecorder),
 * {@link dev.parley.runtime.audio.decoding.OggOpusDecoder}, {@link dev.parley.runtime.audio.decoding.WavStreamDecoder},
 * {@link dev.parley.runtime.audio.decoding.Mp3StreamDecoder} or
 * {@link dev.parley.runtime.audio.decoding.FlacStreamDecoder}; headerless Opus, one packet a piece, is
 * {@link dev.parley.runtime.audio.decoding.OpusPacketDecoder}. Opus is decoded by concentus straight at the rate
 * the caller asks for; MP3 by jlayer and FLAC by jflac, at the stream's own rate.
 *
 * <p>Pieces may be cut anywhere, even inside an element or a frame: the container decoders keep the unconsumed bytes
 * in a buffer of at most 1 MB ({@code BufferedDecoder}) and decode each unit once it is whole. Data that never
 * completes a unit in that much, a unit declared larger, or bytes that cannot be the container's fail with an
 * {@link dev.parley.runtime.audio.decoding.AudioDecodingException} whose message can go to the client; skipped
 * elements (tags, cues, cover art) are dropped as they arrive without being buffered. Buffers are reused, so a piece
 * costs one allocation, the PCM returned. Instances are per stream and not thread-safe.
 */
package dev.parley.runtime.audio.decoding;
