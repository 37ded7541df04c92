package dev.parley.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Emotions recognized in the user's speech, each scored 0..1, for dialects that show them (NextEVI
 * {@code emotion_update}).
 *
 * @param scores emotion name to score, in the order given
 */
public record Emotions(Map<String, Double> scores) {

    public Emotions {
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> score : scores.entrySet()) {
            if (score.getKey() == null || score.getKey().isBlank()) {
                throw new IllegalArgumentException("Emotion names must not be blank: " + scores.keySet());
            }
            if (score.getValue() == null || !(score.getValue() >= 0 && score.getValue() <= 1)) {
                throw new IllegalArgumentException("Emotion scores are between 0 and 1; " + score.getKey() + " has "
                        + score.getValue());
            }
            copy.put(score.getKey(), score.getValue());
        }
        scores = Collections.unmodifiableMap(copy);
    }
}
