package dev.parley.processor.validation;

import dev.parley.processor.model.AgentModel;
import dev.parley.processor.model.ModelReader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Are the agent's id and dialects valid, and is the id unique in this compilation? */
public final class AgentIdRules {
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private final Diagnostics diagnostics;
    private final ModelReader reader;
    private final List<String> knownDialects;
    private final Map<String, String> ownerOfId = new HashMap<>();

    /** @param knownDialects built-in dialect ids plus those declared with {@code -Aparley.dialects} */
    public AgentIdRules(Diagnostics diagnostics, ModelReader reader, List<String> knownDialects) {
        this.diagnostics = diagnostics;
        this.reader = reader;
        this.knownDialects = knownDialects;
    }

    public void check(AgentModel agent) {
        String name = agent.type().getQualifiedName().toString();
        var idValue = reader.value(agent.annotation(), "id");
        if (!ID.matcher(agent.id()).matches()) {
            diagnostics.error(agent.type(), agent.annotation(), idValue, Message.ID_INVALID, agent.id(), name,
                    suggestId(agent.id(), agent.type().getSimpleName().toString()));
        } else {
            String owner = ownerOfId.putIfAbsent(agent.id(), name);
            if (owner != null && !owner.equals(name)) {
                diagnostics.error(agent.type(), agent.annotation(), idValue, Message.ID_DUPLICATE, agent.id(), name, owner);
            }
        }
        var dialectsValue = reader.value(agent.annotation(), "dialects");
        Set<String> seen = new HashSet<>();
        for (String dialect : agent.dialects()) {
            if (!knownDialects.contains(dialect)) {
                diagnostics.error(agent.type(), agent.annotation(), dialectsValue, Message.DIALECT_UNKNOWN, dialect, name,
                        didYouMean(dialect), String.join(", ", knownDialects));
            } else if (!seen.add(dialect)) {
                diagnostics.error(agent.type(), agent.annotation(), dialectsValue, Message.DIALECT_REPEATED, dialect, name);
            }
        }
    }

    private String didYouMean(String dialect) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : knownDialects) {
            int distance = EditDistance.between(dialect.toLowerCase(java.util.Locale.ROOT), known);
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, dialect.length() / 3) ? " Did you mean \"" + best + "\"?" : "";
    }

    /** A valid id close to the invalid one, or derived from the class name when nothing is left. */
    private static String suggestId(String id, String simpleName) {
        String cleaned = id.trim().replaceAll("[^a-zA-Z0-9_.-]+", "-").replaceAll("^[^a-zA-Z0-9]+", "");
        if (cleaned.isEmpty()) {
            cleaned = simpleName.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        }
        return cleaned;
    }
}
