package dev.parley.processor.writing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes {@code META-INF/services/dev.parley.api.spi.AgentDescriptor}. Entries already in the output
 * (an incremental build that recompiled only some agents) are kept, so no agent silently disappears.
 */
public final class ServiceFileWriter {
    static final String PATH = "META-INF/services/dev.parley.api.spi.AgentDescriptor";

    private final Filer filer;

    public ServiceFileWriter(Filer filer) {
        this.filer = filer;
    }

    public void write(Set<String> descriptors) throws IOException {
        Set<String> all = new TreeSet<>(existingEntries());
        all.addAll(descriptors);
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", PATH);
        try (Writer writer = file.openWriter()) {
            for (String descriptor : all) {
                writer.write(descriptor);
                writer.write('\n');
            }
        }
    }

    private Set<String> existingEntries() {
        Set<String> entries = new TreeSet<>();
        try {
            FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PATH);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(existing.openInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(entries::add);
            }
        } catch (IOException | IllegalArgumentException noEarlierFile) {
            // first build, or a Filer that cannot read back: nothing to keep
        }
        return entries;
    }
}
