package dev.parley.processor;

import static dev.parley.processor.ProcessorTesting.assertSingleError;
import static dev.parley.processor.ProcessorTesting.compile;
import static dev.parley.processor.ProcessorTesting.source;

import dev.parley.processor.validation.Message;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Diagnostics of {@code AgentClassRules}: can Parley create and call the agent class? */
class AgentClassMessagesTest {

    @Test
    @Covers(Message.AGENT_NOT_A_CLASS)
    void interfaceIsNotAnAgent() {
        JavaFileObject file = source("EchoAgent", """
                package com.acme;

                import dev.parley.api.*;

                @VoiceAgent(id = "echo")
                public interface EchoAgent {
                    @OnTranscript
                    default String answer(String text) {
                        return text;
                    }
                }
                """);
        assertSingleError(compile(file),
                Message.AGENT_NOT_A_CLASS.format("com.acme.EchoAgent", "an interface"),
                "@VoiceAgent can only annotate a class; com.acme.EchoAgent is an interface. Put @VoiceAgent on a class",
                file, "public interface EchoAgent");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            enum EchoAgent { ONE }                      | an enum
            record EchoAgent(String name) {}            | a record
            @interface EchoAgent {}                     | an annotation type
            """)
    @Covers(Message.AGENT_NOT_A_CLASS)
    void otherKindsAreNotAgentsEither(String declaration, String kind) {
        JavaFileObject file = source("EchoAgent", """
                package com.acme;

                @dev.parley.api.VoiceAgent(id = "echo")
                public %s
                """.formatted(declaration));
        assertSingleError(compile(file),
                Message.AGENT_NOT_A_CLASS.format("com.acme.EchoAgent", kind),
                "com.acme.EchoAgent is " + kind + ".",
                file, "public " + declaration);
    }

    @Test
    @Covers(Message.AGENT_ABSTRACT)
    void abstractClass() {
        JavaFileObject file = source("EchoAgent", """
                package com.acme;

                import dev.parley.api.*;

                @VoiceAgent(id = "echo")
                public abstract class EchoAgent {
                    @OnTranscript
                    String answer(String text) {
                        return text;
                    }
                }
                """);
        assertSingleError(compile(file),
                Message.AGENT_ABSTRACT.format("com.acme.EchoAgent"),
                "@VoiceAgent class com.acme.EchoAgent is abstract, so Parley cannot create one per session. "
                        + "Remove 'abstract'",
                file, "public abstract class EchoAgent");
    }

    @Test
    @Covers(Message.AGENT_PRIVATE)
    void privateNestedClass() {
        JavaFileObject file = source("Outer", """
                package com.acme;

                import dev.parley.api.*;

                public class Outer {
                    @VoiceAgent(id = "echo")
                    private static class EchoAgent {
                        @OnTranscript
                        String answer(String text) {
                            return text;
                        }
                    }
                }
                """);
        assertSingleError(compile(file),
                Message.AGENT_PRIVATE.format("com.acme.Outer.EchoAgent"),
                "@VoiceAgent class com.acme.Outer.EchoAgent is private, so the generated invoker cannot call it.",
                file, "private static class EchoAgent");
    }

    /** Before this rule existed the processor generated an invoker that did not compile. */
    @Test
    @Covers(Message.AGENT_IN_PRIVATE_CLASS)
    void classNestedInAPrivateClass() {
        JavaFileObject file = source("Outer", """
                package com.acme;

                import dev.parley.api.*;

                public class Outer {
                    private static class Hidden {
                        @VoiceAgent(id = "echo")
                        static class EchoAgent {
                            @OnTranscript
                            String answer(String text) {
                                return text;
                            }
                        }
                    }
                }
                """);
        assertSingleError(compile(file),
                Message.AGENT_IN_PRIVATE_CLASS.format("com.acme.Outer.Hidden.EchoAgent", "com.acme.Outer.Hidden",
                        "com.acme.Outer.Hidden"),
                "is nested in private class com.acme.Outer.Hidden, so the generated invoker cannot reach it.",
                file, "static class EchoAgent");
    }

    @Test
    @Covers(Message.AGENT_INNER_CLASS)
    void innerClass() {
        JavaFileObject file = source("Outer", """
                package com.acme;

                import dev.parley.api.*;

                public class Outer {
                    @VoiceAgent(id = "echo")
                    public class EchoAgent {
                        @OnTranscript
                        String answer(String text) {
                            return text;
                        }
                    }
                }
                """);
        assertSingleError(compile(file),
                Message.AGENT_INNER_CLASS.format("com.acme.Outer.EchoAgent"),
                "@VoiceAgent class com.acme.Outer.EchoAgent is an inner class, which needs an enclosing instance. "
                        + "Declare it 'static'",
                file, "public class EchoAgent");
    }

    @Test
    @Covers(Message.AGENT_GENERIC)
    void genericClass() {
        JavaFileObject file = source("EchoAgent", """
                package com.acme;

                import dev.parley.api.*;

                @VoiceAgent(id = "echo")
                public class EchoAgent<T extends CharSequence> {
                    @OnTranscript
                    String answer(String text) {
                        return text;
                    }
                }
                """);
        assertSingleError(compile(file),
                Message.AGENT_GENERIC.format("com.acme.EchoAgent"),
                "@VoiceAgent class com.acme.EchoAgent declares type parameters, which Parley cannot choose.",
                file, "public class EchoAgent<T extends CharSequence>");
    }

    @Test
    @Covers(Message.AGENT_NO_CONSTRUCTOR)
    void onlyAConstructorWithArguments() {
        JavaFileObject file = source("EchoAgent", """
                package com.acme;

                import dev.parley.api.*;

                @VoiceAgent(id = "echo")
                public class EchoAgent {
                    private final String prefix;

                    public EchoAgent(String prefix) {
                        this.prefix = prefix;
                    }

                    @OnTranscript
                    String answer(String text) {
                        return prefix + text;
                    }
                }
                """);
        assertSingleError(compile(file),
                Message.AGENT_NO_CONSTRUCTOR.format("com.acme.EchoAgent"),
                "Parley cannot create com.acme.EchoAgent: it has no accessible no-argument constructor.",
                file, "public class EchoAgent");
    }

    @Test
    @Covers(Message.AGENT_NO_CONSTRUCTOR)
    void onlyAPrivateNoArgumentConstructor() {
        JavaFileObject file = source("EchoAgent", """
                package com.acme;

                import dev.parley.api.*;

                @VoiceAgent(id = "echo")
                public class EchoAgent {
                    private EchoAgent() {
                    }

                    @OnTranscript
                    String answer(String text) {
                        return text;
                    }
                }
                """);
        assertSingleError(compile(file),
                Message.AGENT_NO_CONSTRUCTOR.format("com.acme.EchoAgent"),
                "annotate the constructor CDI should use with @jakarta.inject.Inject.",
                file, "public class EchoAgent");
    }
}
