package dev.parley.runtime.dialect.playai;

import dev.parley.api.Dialects;
import dev.parley.api.spi.Dialect;
import dev.parley.api.spi.DialectConnection;
import dev.parley.api.spi.DialectContext;
import java.util.List;

/**
 * PlayAI: the agent WebSocket API of PlayAI (play.ai), as its seed document describes it and as the published
 * {@code @play-ai/agent-web-sdk} speaks it. The agent is the path's {@code agentId}; the client's first message is
 * {@code setup}.
 */
public final class PlayaiDialect implements Dialect {
    /** The seed document's path. */
    static final String TALK_PATH = "/v1/talk/{agentId}";
    /** The path the published web SDK connects to. */
    static final String SDK_PATH = "/v1/agents/{agentId}/start-conversation";

    private final PlayaiDecoder decoder = new PlayaiDecoder();
    private final PlayaiEncoder encoder = new PlayaiEncoder();
    private PlayaiServices services;

    @Override
    public String id() {
        return Dialects.PLAYAI;
    }

    @Override
    public List<String> paths() {
        return List.of(TALK_PATH, SDK_PATH);
    }

    @Override
    public DialectConnection connect(DialectContext context) {
        return new PlayaiConnection(context, decoder, encoder, services(context));
    }

    /** Made once, from the first connection's view of the settings; a failure is retried by the next connection. */
    private synchronized PlayaiServices services(DialectContext context) {
        if (services == null) {
            services = PlayaiServices.create(context);
        }
        return services;
    }
}
