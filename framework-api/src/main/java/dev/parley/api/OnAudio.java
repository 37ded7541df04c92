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
 * <p>Like every handler it runs on a worker thread by default, so it may block. A handler that never blocks (it looks
 * at the frame, keeps it or sends it back) says so with {@code @OnAudio(blocking = false)}: it then runs on the thread
 * that received the frame, the container's I/O thread, whenever the session has nothing else queued or running, which
 * saves a thread hand-off per frame (about a sixth of an echo's CPU per frame; docs/performance.md). Order and one call
 * at a time per agent instance hold either way; a handler that blocks there after all stalls the connections that
 * thread serves, until Parley notices and moves it back (see {@code parley.inline-audio} in docs/configuration.md,
 * which also lets a deployment override the declaration either way).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnAudio {

    /** {@code false}: the handler never blocks, so it may run on the container's I/O thread (above). */
    boolean blocking() default true;
}
