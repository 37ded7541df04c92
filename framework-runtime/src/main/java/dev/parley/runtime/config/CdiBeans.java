package dev.parley.runtime.config;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
import java.util.Optional;

/** The application's CDI beans of a type, if there is a CDI container; kept apart so the dialect loads without the CDI API. */
public final class CdiBeans {
    private CdiBeans() {
    }

    /**
     * The one bean of {@code type}, or empty when there is none (or no container).
     *
     * @throws IllegalStateException when there are several: silently choosing one would hide a mistake
     */
    public static <T> Optional<T> unique(Class<T> type) {
        Instance<T> beans;
        try {
            beans = CDI.current().select(type);
        } catch (NoClassDefFoundError | IllegalStateException noContainer) {
            return Optional.empty();
        }
        if (beans.isAmbiguous()) {
            throw new IllegalStateException("Several CDI beans implement " + type.getName() + "; keep one");
        }
        return beans.isResolvable() ? Optional.of(beans.get()) : Optional.empty();
    }

    /** Every bean of {@code type}. */
    public static <T> List<T> all(Class<T> type) {
        try {
            return CDI.current().select(type).stream().toList();
        } catch (NoClassDefFoundError | IllegalStateException noContainer) {
            return List.of();
        }
    }
}
