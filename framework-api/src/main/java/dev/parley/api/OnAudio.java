package dev.parley.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called with every frame of user audio, decoded from the dialect's wire encoding, for agents that
 * process raw audio themselves (their own speech recognition, recording, echo).
 *
 * <p>Rules, checked at compile time: not {@code private}, {@code static} or abstract; at most one per
 * agent; parameters, in any order, each at most once: {@link AudioFrame}, {@link AgentSession};
 * returns {@code void}. Each frame has bytes of its own: the handler may keep it, or send it back with
 * {@link AgentSession#sendAudio}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnAudio {
}
