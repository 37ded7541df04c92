package dev.parley.samples.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The WAR holds the agents and the runtime, and nothing a Jakarta EE server provides or an engine needs. */
class WarContentsIT {
    /** Server-provided APIs and implementations, the standalone launcher, and the embedded speech engines. */
    private static final List<String> FORBIDDEN = List.of("tyrus", "grizzly", "weld", "hibernate-validator",
            "expressly", "jakarta.", "vosk", "jna-", "libfvad", "onnxruntime");

    @Test
    void holdsTheAgentsAndTheRuntimeButNothingTheServerProvides() throws IOException {
        try (ZipFile war = new ZipFile(ServerProcess.provided("parley.it.war").toFile())) {
            Set<String> libraries = new TreeSet<>();
            war.stream().map(ZipEntry::getName).filter(name -> name.startsWith("WEB-INF/lib/"))
                    .map(name -> name.substring("WEB-INF/lib/".length())).forEach(libraries::add);
            for (String expected : List.of("samples-", "framework-runtime-", "framework-api-", "jackson-databind-")) {
                assertTrue(libraries.stream().anyMatch(jar -> jar.startsWith(expected)), expected + " in " + libraries);
            }
            for (String jar : libraries) {
                assertTrue(FORBIDDEN.stream().noneMatch(jar.toLowerCase(Locale.ROOT)::contains), jar + " must not be in the WAR");
            }
            assertTrue(war.stream().noneMatch(entry -> entry.getName().startsWith("WEB-INF/classes/dev/")),
                    "the agents come in the samples jar, not as WEB-INF/classes");

            String samples = libraries.stream().filter(jar -> jar.startsWith("samples-")).findFirst().orElseThrow();
            assertEquals(Set.of("META-INF/beans.xml", "dev.parley.samples.concierge.ConciergeAgent_Descriptor",
                            "dev.parley.samples.echo.EchoAgent_Descriptor"),
                    beansAndDescriptors(war, "WEB-INF/lib/" + samples),
                    "the samples jar is a bean archive and lists both agents for ServiceLoader");

            String runtime = libraries.stream().filter(jar -> jar.startsWith("framework-runtime-")).findFirst().orElseThrow();
            assertEquals(Set.of("dev.parley.runtime.endpoint.ParleyServletInitializer"),
                    services(jarEntries(war, "WEB-INF/lib/" + runtime), "jakarta.servlet.ServletContainerInitializer"),
                    "the runtime ties itself to the application's start and stop (docs/deployment.md, Lifecycle)");
        }
    }

    private static Set<String> beansAndDescriptors(ZipFile war, String jarEntry) throws IOException {
        Map<String, String> entries = jarEntries(war, jarEntry);
        Set<String> found = new TreeSet<>(services(entries, "dev.parley.api.spi.AgentDescriptor"));
        if (entries.containsKey("META-INF/beans.xml")) {
            found.add("META-INF/beans.xml");
        }
        return found;
    }

    /** The providers the jar's {@code META-INF/services/<service>} lists. */
    private static Set<String> services(Map<String, String> jarEntries, String service) {
        Set<String> providers = new TreeSet<>();
        jarEntries.getOrDefault("META-INF/services/" + service, "").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(providers::add);
        return providers;
    }

    /** The {@code META-INF} entries of the jar {@code jarEntry} of the WAR, with their text. */
    private static Map<String, String> jarEntries(ZipFile war, String jarEntry) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (InputStream in = war.getInputStream(war.getEntry(jarEntry)); JarInputStream jar = new JarInputStream(in)) {
            for (ZipEntry entry; (entry = jar.getNextJarEntry()) != null; ) {
                if (entry.getName().startsWith("META-INF/") && !entry.isDirectory()) {
                    entries.put(entry.getName(), new String(jar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }
}
