package dev.parley.processor.model;

/** The shapes of handler result Parley turns into agent output. */
public enum ReturnKind {
    VOID("void"),
    TEXT("String"),
    LATER("CompletionStage<String>"),
    STREAM("Stream<String>"),
    PUBLISHER("Flow.Publisher<String>");

    private final String display;

    ReturnKind(String display) {
        this.display = display;
    }

    /** How the kind reads in a message. */
    public String display() {
        return display;
    }
}
