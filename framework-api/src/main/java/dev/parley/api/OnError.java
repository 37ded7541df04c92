package dev.parley.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when another handler of this agent threw, or a reply it returned failed. The client has
 * already received the dialect's error event; the conversation goes on.
 *
 * <p>Rules, checked at compile time: not {@code private}, {@code static} or abstract; at most one per
 * agent; parameters, in any order, each at most once: {@link Throwable} (or {@link Exception}),
 * {@link AgentSession}; returns {@code void}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnError {
}
