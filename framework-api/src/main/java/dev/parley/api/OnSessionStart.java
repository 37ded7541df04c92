package dev.parley.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called once when a conversation starts, after the client's handshake and before the greeting.
 * {@link AgentSession#overrides()} holds what the client asked for (prompt, first message,
 * language, dynamic variables ...).
 *
 * <p>Rules, checked at compile time: not {@code private}, {@code static} or abstract; at most one per
 * agent; its only parameter kind is {@link AgentSession} (optional); returns {@code void} or any
 * return type allowed for {@link OnTranscript}: such a reply is said right after the greeting.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnSessionStart {
}
