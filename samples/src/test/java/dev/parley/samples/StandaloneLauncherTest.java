package dev.parley.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.runtime.standalone.ParleyServer;
import dev.parley.runtime.standalone.ServerOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standalone launcher the samples run on: what it binds, and how its options are read. */
class StandaloneLauncherTest {
    static final String USAGE = "Usage: [--host ADDRESS] [--port PORT] [--set parley.key=value ...]\n"
            + "Defaults: --host 127.0.0.1 --port 8080 (or PARLEY_HOST, PARLEY_PORT).";
    private static final int CONNECT_TIMEOUT_MS = 1_000;

    private final Map<String, String> savedProperties = new HashMap<>();

    @BeforeEach
    void saveProperties() {
        for (String key : List.of("parley.host", "parley.port")) {
            savedProperties.put(key, System.getProperty(key));
            System.clearProperty(key);
        }
    }

    @AfterEach
    void restoreProperties() {
        savedProperties.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void boundTo127001ItRefusesConnectionsToTheMachinesOtherAddresses() throws IOException {
        List<InetAddress> others = ownNonLoopbackIpv4Addresses();
        assumeFalse(others.isEmpty(), "this machine has no non-loopback IPv4 address to try");
        try (ParleyServer server = ParleyServer.start(new ServerOptions("127.0.0.1", 0, Map.of("parley.speech", "off")))) {
            assertEquals("127.0.0.1", server.host());
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress("127.0.0.1", server.port()), CONNECT_TIMEOUT_MS);
                assertTrue(loopback.isConnected());
            }
            for (InetAddress own : others) {
                assertThrows(ConnectException.class, () -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(own, server.port()), CONNECT_TIMEOUT_MS);
                    }
                }, () -> "port " + server.port() + " must not be reachable on " + own.getHostAddress());
            }
        }
    }

    /** This machine's own interface addresses (IPv4, up, not loopback): the only other addresses ever tried. */
    private static List<InetAddress> ownNonLoopbackIpv4Addresses() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(StandaloneLauncherTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .toList();
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    @Test
    void optionsTakeHostPortAndSettingsInBothSpellings() {
        ServerOptions spaced = ServerOptions.parse(new String[] {"--host", "127.0.0.2", "--port", "9001",
                "--set", "parley.xuna.ping-interval=300"});
        assertEquals("127.0.0.2", spaced.host());
        assertEquals(9001, spaced.port());
        assertEquals("300", spaced.overrides().get("parley.xuna.ping-interval"));
        assertEquals(Duration.ofMillis(300), spaced.settings().getDuration("parley.xuna.ping-interval", null));

        ServerOptions inline = ServerOptions.parse(new String[] {"--port=0", "--host=::1", "--set", "a.b=c=d"});
        assertEquals("::1", inline.host());
        assertEquals(0, inline.port());
        assertEquals("c=d", inline.overrides().get("a.b"), "only the first = splits key and value");
        assertEquals("300", ServerOptions.parse(new String[] {"--set=parley.xuna.ping-interval=300"})
                .overrides().get("parley.xuna.ping-interval"));
    }

    @Test
    void withoutOptionsItListensOn127001Port8080() {
        assumeTrue(System.getenv("PARLEY_HOST") == null && System.getenv("PARLEY_PORT") == null,
                "PARLEY_HOST/PARLEY_PORT are set in this environment");
        ServerOptions defaults = ServerOptions.parse(new String[0]);
        assertEquals("127.0.0.1", defaults.host());
        assertEquals(8080, defaults.port());
        assertEquals(Map.of(), defaults.overrides());
    }

    @Test
    void unknownOptionsAreRejectedWithTheUsage() {
        Map<List<String>, String> unknownIn = Map.of(
                List.of("--verbose"), "--verbose",
                List.of("9000"), "9000",
                List.of("-p", "9000"), "-p",
                List.of("--port", "9000", "--bind=0.0.0.0"), "--bind=0.0.0.0");
        unknownIn.forEach((args, unknown) -> {
            IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                    () -> ServerOptions.parse(args.toArray(String[]::new)), args::toString);
            assertEquals("Unknown option '" + unknown + "'\n" + USAGE, rejected.getMessage());
        });
    }

    @Test
    void missingOrMalformedValuesAreRejected() {
        assertEquals("--port needs a value\n" + USAGE,
                assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(new String[] {"--port"})).getMessage());
        assertEquals("--set takes key=value, got 'parley.xuna.ping-interval'\n" + USAGE,
                assertThrows(IllegalArgumentException.class,
                        () -> ServerOptions.parse(new String[] {"--set", "parley.xuna.ping-interval"})).getMessage());
        assertEquals("--port needs a value\n" + USAGE,
                assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(new String[] {"--port="})).getMessage(),
                "an empty value must not silently fall back to the defaults");
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.parse(new String[] {"--port", "eighty"}));
        assertTrue(notANumber.getMessage().startsWith("Setting parley.port (or PARLEY_PORT) has the invalid value 'eighty'"),
                notANumber::getMessage);
    }

    @Test
    void commandLineWinsOverSystemPropertiesWhichWinOverTheEnvironment() {
        System.setProperty("parley.port", "9100");
        System.setProperty("parley.host", "127.0.0.3");
        ServerOptions fromProperties = ServerOptions.from(Map.of());
        assertEquals(9100, fromProperties.port(), "PARLEY_PORT, if set, loses to -Dparley.port");
        assertEquals("127.0.0.3", fromProperties.host());

        ServerOptions explicit = ServerOptions.from(Map.of("parley.port", "9200"));
        assertEquals(9200, explicit.port());
        assertEquals("127.0.0.3", explicit.host(), "what is not given explicitly still comes from the properties");

        ServerOptions parsed = ServerOptions.parse(new String[] {"--host=127.0.0.4"});
        assertEquals("127.0.0.4", parsed.host());
        assertEquals(9100, parsed.port());
    }
}
