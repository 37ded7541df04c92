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
 *
 * <p>Like every handler it runs on a worker thread by default, so it may block. An application whose audio handler
 * does not block (it looks at the frame, keeps it or sends it back) can set {@code parley.inline-audio=on} (or
 * {@code parley.agent.<id>.inline-audio=on}): the handler then runs on the thread that received the frame, the
 * container's I/O thread, whenever the session has nothing else queued or running, which saves a thread hand-off
 * per frame. Order and one call at a time per agent instance hold either way; a handler that blocks there stalls the
 * connections that thread serves (see docs/configuration.md).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnAudio {
}
