package dev.parley.api;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a voice agent that Parley serves over WebSocket in one or more wire dialects.
 *
 * <p>Contract, checked at compile time by Parley's annotation processor:
 * <ul>
 *   <li>The class is a top-level or {@code static} nested, non-abstract, non-private class (inside no private
 *       class) with a non-private no-argument constructor or a constructor annotated
 *       {@code @jakarta.inject.Inject}; it declares no type parameters.</li>
 *   <li>{@link #id()} is unique across the application and matches {@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}:
 *       it is what clients name to reach the agent (XUNA {@code agent_id}, PlayAI path id,
 *       NextEVI {@code config_id}).</li>
 *   <li>Every entry of {@link #dialects()} is a known dialect id (see {@link Dialects}); an empty
 *       array means every dialect the runtime has.</li>
 *   <li>It declares at most one method for each handler annotation ({@link OnTranscript},
 *       {@link OnInterruption}, {@link OnAudio}, {@link OnSessionStart}, {@link OnSessionEnd},
 *       {@link OnError}, {@link OnContextUpdate}); each handler's own Javadoc states its rules.</li>
 * </ul>
 *
 * <p>The class is a CDI bean of scope {@code @Dependent}: Parley creates one instance per session,
 * so fields hold per-conversation state, and destroys it (running {@code @PreDestroy}) when the
 * session ends. Any CDI bean can be injected. Handlers of one session are called one at a time,
 * in arrival order, never on the WebSocket container's I/O threads (so they may block), with one opt-in
 * exception: see {@link OnAudio}.
 */
@Documented
@Stereotype
@Dependent
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface VoiceAgent {

    /** The agent's id: how clients address it in every dialect. */
    String id();

    /** Dialect ids this agent is reachable in (constants of {@link Dialects}); empty means all. */
    String[] dialects() default {};

    /**
     * The agent's first message, spoken when a conversation starts. Empty means the agent waits
     * for the user. A client may override it where its dialect allows (XUNA {@code first_message}).
     */
    String greeting() default "";

    /** Whether clients may connect by id alone, or need a signed token minted by the server. */
    Access access() default Access.PUBLIC;

    /** Who may start a conversation with an agent. */
    enum Access {
        /** Anyone who knows the agent id. */
        PUBLIC,
        /** Only clients holding a signed, unexpired token for this agent (see the runtime's {@code AgentTokens}). */
        PRIVATE
    }
}
