package dev.parley.processor.validation;

import java.util.Locale;

/**
 * Every diagnostic the processor can report, worded as the fix. Arguments are {@link String#format}
 * placeholders. Messages end with the element they are about ({@code Class#method()}), so a log line
 * alone says where to look.
 */
public enum Message {
    AGENT_NOT_A_CLASS("@VoiceAgent can only annotate a class; %s is %s. Put @VoiceAgent on a class whose "
            + "handler methods carry @OnTranscript, @OnAudio, ..."),
    AGENT_ABSTRACT("@VoiceAgent class %s is abstract, so Parley cannot create one per session. Remove 'abstract', "
            + "or annotate a concrete subclass instead."),
    AGENT_PRIVATE("@VoiceAgent class %s is private, so the generated invoker cannot call it. Make it "
            + "package-private or public."),
    AGENT_IN_PRIVATE_CLASS("@VoiceAgent class %s is nested in private class %s, so the generated invoker cannot "
            + "reach it. Make %s package-private or public, or move the agent out of it."),
    AGENT_INNER_CLASS("@VoiceAgent class %s is an inner class, which needs an enclosing instance. Declare it "
            + "'static', or move it to its own file."),
    AGENT_GENERIC("@VoiceAgent class %s declares type parameters, which Parley cannot choose. Remove them, or "
            + "annotate a subclass that fixes them."),
    AGENT_NO_CONSTRUCTOR("Parley cannot create %s: it has no accessible no-argument constructor. Add one, or "
            + "annotate the constructor CDI should use with @jakarta.inject.Inject."),
    ID_INVALID("@VoiceAgent id \"%s\" of %s is not valid: ids are what clients send to reach the agent and must "
            + "match [a-zA-Z0-9][a-zA-Z0-9_.-]*. Try \"%s\"."),
    ID_DUPLICATE("@VoiceAgent id \"%s\" of %s is already used by %s; each agent needs its own id. Rename one of them."),
    DIALECT_UNKNOWN("Unknown dialect \"%s\" in @VoiceAgent of %s.%s Known dialects: %s (Dialects.XUNA, ...). "
            + "A custom dialect's id is declared with the compiler option -Aparley.dialects=<id>."),
    DIALECT_REPEATED("Dialect \"%s\" is listed twice in @VoiceAgent of %s. Remove the repetition."),
    HANDLER_OUTSIDE_AGENT("%s method %s is in %s, which is not annotated @VoiceAgent, so Parley never calls it. "
            + "Annotate the class with @VoiceAgent(id = \"...\"), or move the method into your agent class. (%s)"),
    HANDLER_PRIVATE("%s method %s must not be private: the generated invoker calls it directly. Make it "
            + "package-private or public. (%s)"),
    HANDLER_STATIC("%s method %s must not be static: handlers run on the session's own agent instance. "
            + "Remove 'static'. (%s)"),
    HANDLER_DUPLICATE("%s is declared twice in %s: %s and %s. An agent has at most one; merge them into one method."),
    HANDLER_TWO_ANNOTATIONS("%s carries both %s and %s; a method handles one event. Split it into two methods."),
    HANDLER_GENERIC("%s method %s must not declare type parameters: Parley cannot choose them. Remove them. (%s)"),
    HANDLER_THROWS_THROWABLE("%s method %s declares 'throws %s', a checked throwable that is not an Exception, which "
            + "Parley cannot pass on. Declare 'throws Exception' at most. (%s)"),
    PARAMETER_NOT_ALLOWED("Parameter '%s' of type %s of %s method %s cannot be supplied. Allowed parameter "
            + "types: %s. (%s)"),
    PARAMETER_REPEATED("%s method %s declares %s twice; each kind of parameter may appear once. Remove '%s'. (%s)"),
    RETURN_NOT_ALLOWED("%s method %s returns %s, which Parley cannot send. Return %s. (%s)"),
    RETURN_NOT_VOID("%s method %s returns %s, but nothing receives the result of %s. Return void. (%s)");

    private final String template;

    Message(String template) {
        this.template = template;
    }

    public String format(Object... arguments) {
        return String.format(Locale.ROOT, template, arguments);
    }
}
