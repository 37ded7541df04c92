package dev.parley.processor.model;

import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The kinds of value Parley can pass to a handler parameter, each with the rule that recognizes it
 * (one small resolver per kind: a parameter matched by none, or by two, is an error).
 */
public enum ParameterKind {
    TRANSCRIPT("dev.parley.api.Transcript", "transcript"),
    SESSION("dev.parley.api.AgentSession", "session"),
    TEXT("java.lang.String", "text"),
    INTERRUPTION("dev.parley.api.Interruption", "interruption"),
    AUDIO_FRAME("dev.parley.api.AudioFrame", "frame"),
    SESSION_END("dev.parley.api.SessionEnd", "end"),
    /** Throwable or any supertype-compatible declaration (Throwable, Exception). */
    ERROR("java.lang.Throwable", "error");

    private final String typeName;
    private final String argumentName;

    ParameterKind(String typeName, String argumentName) {
        this.typeName = typeName;
        this.argumentName = argumentName;
    }

    /** The simple name a user writes, for messages. */
    public String simpleTypeName() {
        return typeName.substring(typeName.lastIndexOf('.') + 1);
    }

    /** The name of the invoker's parameter that supplies this kind. */
    public String argumentName() {
        return argumentName;
    }

    /**
     * Whether a parameter of {@code type} receives this kind. ERROR accepts Throwable and Exception
     * (the runtime reports only exceptions, so a narrower declaration could not always be satisfied).
     */
    public boolean matches(TypeMirror type, Types types, Elements elements) {
        if (this == ERROR) {
            return isType(type, "java.lang.Throwable", types, elements) || isType(type, "java.lang.Exception", types, elements);
        }
        return isType(type, typeName, types, elements);
    }

    private static boolean isType(TypeMirror type, String name, Types types, Elements elements) {
        var element = elements.getTypeElement(name);
        return element != null && types.isSameType(types.erasure(type), types.erasure(element.asType()));
    }
}
