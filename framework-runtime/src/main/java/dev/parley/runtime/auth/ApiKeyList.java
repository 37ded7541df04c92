package dev.parley.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * API keys from a setting: comma-separated keys, each optionally limited to some agents with
 * {@code key:agent1|agent2} (which also lets it reach them if they are private). Lookups compare in constant
 * time against every key, so timing tells nothing about which one matched.
 */
public final class ApiKeyList {

    /**
     * One key and the agents it is limited to.
     *
     * @param key    the key
     * @param agents the agents it may use; empty means every public agent
     */
    public record Entry(String key, Set<String> agents) {
        public Entry {
            agents = Set.copyOf(agents);
        }
    }

    private final List<Entry> entries;

    private ApiKeyList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses {@code value}, the value of setting {@code name}.
     *
     * @param validKey what a key must look like, described by {@code rule} in the error
     * @throws IllegalArgumentException naming the setting and the entry that breaks the rule
     */
    public static ApiKeyList parse(String name, String value, Predicate<String> validKey, String rule) {
        List<Entry> entries = new ArrayList<>();
        for (String item : value.split(",")) {
            String trimmed = item.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String key = colon < 0 ? trimmed : trimmed.substring(0, colon);
            if (!validKey.test(key)) {
                throw new IllegalArgumentException("Setting " + name + ": " + rule + " (entry " + (entries.size() + 1)
                        + " does not)");
            }
            Set<String> agents = colon < 0 ? Set.of() : Set.copyOf(Arrays.stream(trimmed.substring(colon + 1).split("\\|"))
                    .map(String::strip).filter(agent -> !agent.isEmpty()).toList());
            entries.add(new Entry(key, agents));
        }
        return new ApiKeyList(entries);
    }

    public static ApiKeyList empty() {
        return new ApiKeyList(List.of());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entry of the key offered, if it is one of these. */
    public Optional<Entry> find(String offered) {
        byte[] bytes = offered.getBytes(StandardCharsets.UTF_8);
        Entry found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.key().getBytes(StandardCharsets.UTF_8), bytes)) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }
}
