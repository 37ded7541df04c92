package dev.parley.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.processor.validation.Message;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every constant of {@link Message} has at least one test asserting its text, file and line. */
class MessageCatalogueCoverageTest {
    private static final List<Class<?>> MESSAGE_TESTS =
            List.of(AgentClassMessagesTest.class, AgentIdMessagesTest.class, HandlerMessagesTest.class);

    @Test
    void everyMessageIsTested() {
        Set<Message> covered = EnumSet.noneOf(Message.class);
        for (Class<?> test : MESSAGE_TESTS) {
            for (Method method : test.getDeclaredMethods()) {
                Covers covers = method.getAnnotation(Covers.class);
                if (covers != null) {
                    covered.add(covers.value());
                }
            }
        }
        Set<Message> untested = EnumSet.complementOf(EnumSet.copyOf(covered));
        assertEquals(Set.of(), untested, "Message constants without a test; add one marked @Covers");
    }

    @Test
    void everyMessageTemplateFormatsWithoutLeftoverPlaceholders() {
        for (Message message : Message.values()) {
            Object[] arguments = new Object[10];
            java.util.Arrays.fill(arguments, "X");
            String text = message.format(arguments);
            assertEquals(-1, text.indexOf('%'), () -> message + ": " + text);
        }
    }
}
