package dev.parley.api.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the client sent when it opened the WebSocket.
 *
 * @param path             the request path
 * @param pathParameters   values of the URI template's parameters
 * @param queryParameters  query parameters, each with all its values
 * @param headers          request headers, names in lower case
 * @param subprotocol      the subprotocol the server selected, or empty
 * @param remoteAddress    the client's address as the container reports it, or empty
 */
public record Handshake(String path, Map<String, String> pathParameters, Map<String, List<String>> queryParameters,
                        Map<String, List<String>> headers, String subprotocol, String remoteAddress) {

    /** The first value of a query parameter. */
    public Optional<String> query(String name) {
        List<String> values = queryParameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
