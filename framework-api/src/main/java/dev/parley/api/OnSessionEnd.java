package dev.parley.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called once when the conversation has ended, for whatever reason, before the agent instance is
 * destroyed. The session can no longer send anything.
 *
 * <p>Rules, checked at compile time: not {@code private}, {@code static} or abstract; at most one per
 * agent; parameters, in any order, each at most once: {@link SessionEnd}, {@link AgentSession};
 * returns {@code void}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnSessionEnd {
}
