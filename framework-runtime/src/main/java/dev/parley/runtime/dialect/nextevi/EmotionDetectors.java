package dev.parley.runtime.dialect.nextevi;

import dev.parley.runtime.config.CdiBeans;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the {@link EmotionDetector}: CDI beans first, then {@link ServiceLoader}; the setting may name one or none. */
final class EmotionDetectors {
    /** The setting's value that turns emotion detection off although a detector is present. */
    static final String NONE = "none";

    private EmotionDetectors() {
    }

    /**
     * @param wanted a detector's name, empty for the first one found, or {@link #NONE}
     * @throws IllegalArgumentException if no detector has the name asked for
     */
    static Optional<EmotionDetector> find(String wanted) {
        if (wanted.equals(NONE)) {
            return Optional.empty();
        }
        List<EmotionDetector> found = new ArrayList<>(CdiBeans.all(EmotionDetector.class));
        ServiceLoader.load(EmotionDetector.class, EmotionDetector.class.getClassLoader()).forEach(found::add);
        if (wanted.isEmpty()) {
            return found.stream().findFirst();
        }
        return Optional.of(found.stream().filter(detector -> detector.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Setting parley.nextevi.emotion-detector names '" + wanted
                        + "', but the emotion detectors here are " + found.stream().map(EmotionDetector::name).toList())));
    }
}
