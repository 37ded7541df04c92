package dev.parley.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called with each finished user turn, spoken (after speech-to-text) or typed.
 *
 * <p>Rules, checked at compile time:
 * <ul>
 *   <li>The method is not {@code private}, not {@code static} and not abstract; at most one per agent.</li>
 *   <li>Parameters, in any order, each at most once: {@link Transcript}, {@link AgentSession},
 *       {@link String} (the transcript's text).</li>
 *   <li>Return type: {@code void}; {@link String} or another {@link CharSequence} (the reply, spoken
 *       and sent as text); {@code java.util.concurrent.CompletionStage<String>} (a reply computed
 *       later); {@code java.util.stream.Stream<String>} or
 *       {@code java.util.concurrent.Flow.Publisher<String>} (a reply streamed in chunks, such as LLM
 *       tokens: each chunk reaches the client as it arrives). {@code null} means no reply.</li>
 * </ul>
 * If the user interrupts a reply that is still streaming, the stream is closed or the publisher's
 * subscription cancelled.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnTranscript {
}
