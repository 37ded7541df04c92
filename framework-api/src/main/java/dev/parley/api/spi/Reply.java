package dev.parley.api.spi;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * What a handler returned, in the shape the runtime turns into agent output. Generated invokers call
 * {@code Reply.of(handler(...))} and the compiler picks the overload from the handler's declared return
 * type, so no type is inspected at run time.
 */
public sealed interface Reply {

    /** The handler had nothing to say. */
    record None() implements Reply {
    }

    /** A whole reply. */
    record Text(String text) implements Reply {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A whole reply, computed later. */
    record Later(CompletionStage<? extends CharSequence> text) implements Reply {
    }

    /** A reply pulled chunk by chunk from a stream, closed when done or interrupted. */
    record Streamed(Stream<? extends CharSequence> chunks) implements Reply {
    }

    /** A reply pushed chunk by chunk by a publisher, cancelled when interrupted. */
    record Published(Flow.Publisher<? extends CharSequence> chunks) implements Reply {
    }

    Reply NONE = new None();

    static Reply none() {
        return NONE;
    }

    static Reply of(CharSequence text) {
        return text == null ? NONE : new Text(text.toString());
    }

    static Reply of(CompletionStage<? extends CharSequence> text) {
        return text == null ? NONE : new Later(text);
    }

    static Reply of(Stream<? extends CharSequence> chunks) {
        return chunks == null ? NONE : new Streamed(chunks);
    }

    static Reply of(Flow.Publisher<? extends CharSequence> chunks) {
        return chunks == null ? NONE : new Published(chunks);
    }
}
