package dev.parley.runtime.dialect.nextevi;

import dev.parley.api.Dialects;
import dev.parley.api.spi.Dialect;
import dev.parley.api.spi.DialectConnection;
import dev.parley.api.spi.DialectContext;
import java.util.List;

/**
 * NextEVI: the voice WebSocket API of {@code @nextevi/voice-react}. One endpoint per connection id; the agent is
 * the {@code config_id}; clients authenticate with an {@code oak_} API key or a JWT (docs/dialects/nextevi.md).
 */
public final class NexteviDialect implements Dialect {
    static final String PATH = "/ws/voice/{connectionId}";

    private final NexteviDecoder decoder = new NexteviDecoder();
    private final NexteviEncoder encoder = new NexteviEncoder();
    private NexteviServices services;

    @Override
    public String id() {
        return Dialects.NEXTEVI;
    }

    @Override
    public List<String> paths() {
        return List.of(PATH);
    }

    @Override
    public DialectConnection connect(DialectContext context) {
        return new NexteviConnection(context, decoder, encoder, () -> services(context));
    }

    /** Made once, from the first connection's view of the settings; a failure is retried by the next connection. */
    private synchronized NexteviServices services(DialectContext context) {
        if (services == null) {
            services = NexteviServices.create(context);
        }
        return services;
    }
}
