package dev.parley.processor.model;

import dev.parley.api.spi.Handler;
import java.util.EnumSet;
import java.util.Set;

/** For each handler annotation: what it is called, which parameters and results it allows. */
public enum HandlerSpec {
    SESSION_START(Handler.SESSION_START, "dev.parley.api.OnSessionStart",
            EnumSet.of(ParameterKind.SESSION), EnumSet.allOf(ReturnKind.class)),
    TRANSCRIPT(Handler.TRANSCRIPT, "dev.parley.api.OnTranscript",
            EnumSet.of(ParameterKind.TRANSCRIPT, ParameterKind.SESSION, ParameterKind.TEXT), EnumSet.allOf(ReturnKind.class)),
    INTERRUPTION(Handler.INTERRUPTION, "dev.parley.api.OnInterruption",
            EnumSet.of(ParameterKind.INTERRUPTION, ParameterKind.SESSION), EnumSet.of(ReturnKind.VOID)),
    AUDIO(Handler.AUDIO, "dev.parley.api.OnAudio",
            EnumSet.of(ParameterKind.AUDIO_FRAME, ParameterKind.SESSION), EnumSet.of(ReturnKind.VOID)),
    CONTEXT_UPDATE(Handler.CONTEXT_UPDATE, "dev.parley.api.OnContextUpdate",
            EnumSet.of(ParameterKind.TEXT, ParameterKind.SESSION), EnumSet.of(ReturnKind.VOID)),
    SESSION_END(Handler.SESSION_END, "dev.parley.api.OnSessionEnd",
            EnumSet.of(ParameterKind.SESSION_END, ParameterKind.SESSION), EnumSet.of(ReturnKind.VOID)),
    ERROR(Handler.ERROR, "dev.parley.api.OnError",
            EnumSet.of(ParameterKind.ERROR, ParameterKind.SESSION), EnumSet.of(ReturnKind.VOID));

    private final Handler handler;
    private final String annotationName;
    private final Set<ParameterKind> parameters;
    private final Set<ReturnKind> returns;

    HandlerSpec(Handler handler, String annotationName, Set<ParameterKind> parameters, Set<ReturnKind> returns) {
        this.handler = handler;
        this.annotationName = annotationName;
        this.parameters = parameters;
        this.returns = returns;
    }

    public Handler handler() {
        return handler;
    }

    public String annotationName() {
        return annotationName;
    }

    /** {@code @OnTranscript}, as a user writes it. */
    public String annotationDisplay() {
        return "@" + annotationName.substring(annotationName.lastIndexOf('.') + 1);
    }

    public Set<ParameterKind> parameters() {
        return parameters;
    }

    public Set<ReturnKind> returns() {
        return returns;
    }

    /** Whether the handler's result can be a reply (the invoker method returns {@code Reply}). */
    public boolean producesReply() {
        return returns.size() > 1;
    }
}
