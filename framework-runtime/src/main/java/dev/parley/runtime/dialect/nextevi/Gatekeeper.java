package dev.parley.runtime.dialect.nextevi;

import dev.parley.runtime.dialect.ConcurrentSessions;
import dev.parley.api.VoiceAgent;
import dev.parley.api.spi.AgentDescriptor;
import dev.parley.api.spi.DialectContext;
import dev.parley.api.spi.Handshake;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a NextEVI connection may proceed, before any message is sent: a usable connection id, the
 * client address's connection rate, the credential (4001), the agent named by {@code config_id} (4002), the
 * credential's access to it (4003), then the credential's connection rate and concurrent sessions (4004). Shared by
 * the dialect's connections: it holds the rate and session counters.
 */
final class Gatekeeper {
    /** Ids the React SDK makes ({@code voice_<ms>_<9 chars>}), UUIDs, and other ids that are safe to log and echo. */
    static final Pattern CONNECTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    /** The address when neither an {@code X-Forwarded-For} header nor the container tells it. */
    static final String UNKNOWN_ADDRESS = "unknown";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** A connection that may proceed; its slot (when limited per key) must be closed when the connection ends. */
    record Admission(String connectionId, AgentDescriptor<?> agent, Optional<ConcurrentSessions.Slot> slot) {
    }

    private final NexteviCredentials credentials;
    private final Authentication authentication = new Authentication();
    private final KeyedRateLimit perAddress;
    private final KeyedRateLimit perKey;
    private final ConcurrentSessions sessions;

    Gatekeeper(NexteviCredentials credentials, NexteviLimits limits) {
        this.credentials = credentials;
        this.perAddress = new KeyedRateLimit(limits.connectionsPerIpPerMinute(), MINUTE);
        this.perKey = new KeyedRateLimit(limits.connectionsPerKeyPerMinute(), MINUTE);
        this.sessions = new ConcurrentSessions(limits.sessionsPerKey());
    }

    /**
     * @throws Refusal with the close code and reason for the client
     */
    Admission admit(DialectContext context) throws Refusal {
        Handshake handshake = context.handshake();
        String connectionId = handshake.pathParameters().getOrDefault("connectionId", "");
        if (!CONNECTION_ID.matcher(connectionId).matches()) {
            throw new Refusal(CloseCodes.PROTOCOL_ERROR, "Invalid connection id: use letters, digits and _ . : - (at most 128)");
        }
        if (!perAddress.tryAcquire(clientAddress(handshake), System.nanoTime())) {
            throw new Refusal(CloseCodes.RATE_LIMITED, "Too many connections from this address: the limit is "
                    + perAddress.perPeriod() + " per minute");
        }
        Optional<NexteviGrant> grant = authentication.authenticate(handshake, credentials);
        AgentDescriptor<?> agent = agent(context);
        boolean privateAgent = agent.access() == VoiceAgent.Access.PRIVATE;
        if (!grant.map(granted -> granted.permits(agent.id(), privateAgent)).orElse(!privateAgent)) {
            throw new Refusal(CloseCodes.ACCESS_DENIED, privateAgent
                    ? "Config '" + agent.id() + "' is private: it needs a credential that names it"
                    : "This credential may not use config '" + agent.id() + "'");
        }
        if (grant.isEmpty()) {
            return new Admission(connectionId, agent, Optional.empty());
        }
        String principal = grant.get().principal();
        if (!perKey.tryAcquire(principal, System.nanoTime())) {
            throw new Refusal(CloseCodes.RATE_LIMITED, "Too many connections with this credential: the limit is "
                    + perKey.perPeriod() + " per minute");
        }
        ConcurrentSessions.Slot slot = sessions.tryOpen(principal).orElseThrow(() -> new Refusal(CloseCodes.RATE_LIMITED,
                "Too many concurrent sessions with this credential: the limit is " + sessions.limit()));
        return new Admission(connectionId, agent, Optional.of(slot));
    }

    private static AgentDescriptor<?> agent(DialectContext context) throws Refusal {
        String configId = context.handshake().query("config_id")
                .orElseThrow(() -> new Refusal(CloseCodes.INVALID_CONFIG, "Missing config_id query parameter"));
        return context.agent(configId).orElseThrow(() -> new Refusal(CloseCodes.INVALID_CONFIG, "Unknown config_id '"
                + configId + "'. Configs here: " + String.join(", ", context.publicAgentIds())));
    }

    /**
     * The client's address for the per-address limit: the first {@code X-Forwarded-For} entry (set by a proxy in
     * front of Parley; a client that connects directly can send any), else what the container reports, else
     * {@link #UNKNOWN_ADDRESS}, which all such clients share.
     */
    static String clientAddress(Handshake handshake) {
        return handshake.header("x-forwarded-for")
                .map(forwarded -> forwarded.split(",")[0].strip())
                .filter(address -> !address.isEmpty())
                .or(() -> Optional.of(handshake.remoteAddress()).filter(address -> !address.isEmpty()))
                .orElse(UNKNOWN_ADDRESS);
    }
}
