package dev.parley.runtime.speech;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Optional;

/**
 * The CDI side of {@link SpeechEngines}, in its own class so that the runtime works where the CDI API is absent: it
 * is only loaded inside a guard that treats a missing class as "no CDI".
 */
final class CdiEngines {

    private CdiEngines() {
    }

    /** The bean of {@code type}, if a CDI container runs and resolves exactly one. */
    static <T> Optional<T> lookup(Class<T> type) {
        CDI<Object> cdi;
        try {
            cdi = CDI.current();
        } catch (IllegalStateException e) {
            return Optional.empty(); // no container is running
        }
        Instance<T> instance = cdi.select(type);
        if (instance.isAmbiguous()) {
            StringBuilder beans = new StringBuilder();
            for (Instance.Handle<T> handle : instance.handles()) {
                beans.append(beans.length() == 0 ? "" : ", ").append(handle.getBean().getBeanClass().getName());
            }
            throw new SpeechEngineException("Several CDI beans implement " + type.getName() + ": " + beans
                    + ". Keep one, or mark the one to use @Alternative @Priority(...) (or @Default with qualifiers on the others).");
        }
        return instance.isResolvable() ? Optional.of(instance.get()) : Optional.empty();
    }
}
