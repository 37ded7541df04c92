package dev.parley.samples.war;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The samples WAR on Payara Micro ({@code fish.payara.extras:payara-micro}), with a fresh root directory per run
 * (Payara keeps state there), its data grid (Hazelcast, which would listen on a non-loopback address) and phoning home off,
 * and its HTTP listener bound to 127.0.0.1 by a pre-boot command (Payara Micro has no option for the address).
 */
class PayaraMicroIT extends DeployedSamplesContract {

    @Override
    ServerProcess start(Path run, Path war, int port) throws IOException {
        Path preBoot = Files.writeString(run.resolve("pre-boot.asadmin"),
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address="
                        + ServerProcess.LOOPBACK + "\n");
        List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-Xmx512m"));
        ServerProcess.systemProperties(SETTINGS).forEach(command::add);
        command.addAll(List.of("-jar", ServerProcess.provided("parley.it.payara.jar").toString(),
                "--deploy", war.toString(),
                "--port", Integer.toString(port),
                "--rootdir", Files.createDirectories(run.resolve("root")).toString(),
                "--unpackdir", run.resolve("runtime").toString(),
                "--prebootcommandfile", preBoot.toString(),
                "--nohazelcast", "--disablephonehome"));
        return ServerProcess.start("Payara Micro", command, run);
    }

    /**
     * Payara Micro cannot undeploy while it runs (it has no admin interface): it is stopped (SIGTERM), which stops the
     * application. Its logging stops with it, before Parley's last lines.
     */
    @Override
    boolean stopApplication(ServerProcess server, Path run) {
        server.close();
        return false;
    }
}
