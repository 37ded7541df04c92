package dev.parley.samples.war;

import dev.parley.samples.war.store.ApplicationStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The WAR the server tests deploy: the samples WAR as built, plus {@code WEB-INF/lib/application-store.jar}, a bean
 * archive holding {@link ApplicationStore}, an application's own {@code ConversationStore} bean. The samples stay as
 * they are; the jar is what an application adds to keep its conversations itself, and lets the tests see that Parley
 * looks such beans up once the server's CDI container is up.
 */
final class TestedWar {
    static final String STORE_JAR = "WEB-INF/lib/application-store.jar";
    private static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
            """;

    private TestedWar() {
    }

    /** Writes the samples WAR ({@code parley.it.war}) with the store's jar added to {@code target}. */
    static Path write(Path target) throws IOException {
        try (ZipFile samples = new ZipFile(ServerProcess.provided("parley.it.war").toFile());
             ZipOutputStream war = new ZipOutputStream(Files.newOutputStream(target))) {
            for (Enumeration<? extends ZipEntry> entries = samples.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                war.putNextEntry(new ZipEntry(entry.getName()));
                samples.getInputStream(entry).transferTo(war);
                war.closeEntry();
            }
            war.putNextEntry(new ZipEntry(STORE_JAR));
            war.write(storeJar());
            war.closeEntry();
        }
        return target;
    }

    /** The store's package, compiled with the tests, and a {@code beans.xml}. */
    private static byte[] storeJar() throws IOException {
        Path classes;
        try {
            classes = Path.of(ApplicationStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String packagePath = ApplicationStore.class.getPackageName().replace('.', '/');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(bytes); Stream<Path> files = Files.list(classes.resolve(packagePath))) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                add(jar, packagePath + "/" + file.getFileName(), Files.readAllBytes(file));
            }
            add(jar, "META-INF/beans.xml", BEANS_XML.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void add(ZipOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new ZipEntry(name));
        jar.write(content);
        jar.closeEntry();
    }
}
