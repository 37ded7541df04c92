package dev.parley.samples.war;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The samples WAR on WildFly (standalone, default configuration), unpacked from {@code org.wildfly:wildfly-dist}.
 * Each run gets its own server base directory (configuration, deployments, data, log), so the distribution in
 * target/servers stays as it was unpacked; every listener is bound to 127.0.0.1 on a port free at the start.
 */
class WildFlyIT extends DeployedSamplesContract {

    @Override
    ServerProcess start(Path run, Path war, int port) throws IOException {
        Path home = ServerProcess.provided("parley.it.wildfly.home");
        Path base = run.resolve("standalone");
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        Files.move(war, base.resolve("deployments").resolve(war.getFileName()));
        int[] others = IntStream.of(ServerProcess.freePorts(4)).filter(free -> free != port).limit(3).toArray();
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "-b", ServerProcess.LOOPBACK, "-bmanagement", ServerProcess.LOOPBACK,
                "-Djboss.http.port=" + port,
                "-Djboss.https.port=" + others[0],
                "-Djboss.management.http.port=" + others[1],
                "-Djboss.management.https.port=" + others[2]));
        ServerProcess.systemProperties(SETTINGS).forEach(command::add);
        return ServerProcess.start("WildFly", command, run);
    }

    /** Undeploys the WAR while WildFly runs: its deployment scanner undeploys a deployment whose marker is deleted. */
    @Override
    boolean stopApplication(ServerProcess server, Path run) throws IOException {
        Files.delete(run.resolve("standalone/deployments/ROOT.war.deployed"));
        return true;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }
}
