package dev.parley.runtime.dialect.nextevi;

import java.util.Objects;
import java.util.Set;

/**
 * What a credential lets a client reach.
 *
 * @param principal who the limits per API key count against: the key itself, or {@code jwt:<sub>}
 * @param configIds the agents ({@code config_id}s) it may use; empty means every public agent. Only a grant that
 *                  names a private agent reaches it.
 */
public record NexteviGrant(String principal, Set<String> configIds) {

    public NexteviGrant {
        Objects.requireNonNull(principal, "principal");
        configIds = Set.copyOf(configIds);
    }

    /** Whether this grant reaches agent {@code configId}, public or private. */
    boolean permits(String configId, boolean privateAgent) {
        return configIds.isEmpty() ? !privateAgent : configIds.contains(configId);
    }
}
