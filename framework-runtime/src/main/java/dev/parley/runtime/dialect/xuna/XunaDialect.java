package dev.parley.runtime.dialect.xuna;

import dev.parley.api.Dialects;
import dev.parley.api.spi.Dialect;
import dev.parley.api.spi.DialectConnection;
import dev.parley.api.spi.DialectContext;
import java.util.List;

/**
 * XUNA: the ElevenLabs Agents (ConvAI) WebSocket protocol, as the published {@code @elevenlabs/client}
 * speaks it. One endpoint; the agent is chosen by {@code ?agent_id=} or by a signed {@code ?token=}.
 */
public final class XunaDialect implements Dialect {
    static final String PATH = "/v1/convai/conversation";
    private final XunaCodec codec = new XunaCodec();

    @Override
    public String id() {
        return Dialects.XUNA;
    }

    @Override
    public List<String> paths() {
        return List.of(PATH);
    }

    /** The current client fails to connect unless the server selects {@code convai}. */
    @Override
    public List<String> subprotocols() {
        return List.of("convai");
    }

    @Override
    public DialectConnection connect(DialectContext context) {
        return new XunaConnection(context, codec, XunaSettings.from(context));
    }
}
