package dev.parley.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called with context the client sends for the agent that is not a user turn (XUNA
 * {@code contextual_update}): what the user is looking at, an event in the app. No reply is expected.
 *
 * <p>Rules, checked at compile time: not {@code private}, {@code static} or abstract; at most one per
 * agent; parameters, in any order, each at most once: {@link String} (the context text),
 * {@link AgentSession}; returns {@code void}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnContextUpdate {
}
