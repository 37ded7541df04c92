package dev.parley.runtime.dialect.nextevi;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Emotions recognized in the user's speech, as NextEVI's {@code emotion_update} reports them.
 *
 * @param scores         score of each emotion by name, each from 0 to 1
 * @param utterance      how much speech the scores were read from, if known
 * @param processingTime how long recognizing them took, if known
 */
public record EmotionReading(Map<String, Double> scores, Optional<Duration> utterance, Optional<Duration> processingTime) {

    public EmotionReading {
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> emotion : scores.entrySet()) {
            String name = emotion.getKey();
            Double score = emotion.getValue();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Emotion names must not be blank: " + scores.keySet());
            }
            if (score == null || !(score >= 0 && score <= 1)) {
                throw new IllegalArgumentException("Emotion scores are between 0 and 1; " + name + " has " + score);
            }
            copy.put(name, score);
        }
        scores = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(utterance, "utterance");
        Objects.requireNonNull(processingTime, "processingTime");
    }

    /** Scores alone, as an agent publishes them. */
    public static EmotionReading of(Map<String, Double> scores) {
        return new EmotionReading(scores, Optional.empty(), Optional.empty());
    }

    /** The {@code count} strongest emotions, strongest first (ties in the order given). */
    List<Map.Entry<String, Double>> strongest(int count) {
        return scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(count)
                .toList();
    }
}
