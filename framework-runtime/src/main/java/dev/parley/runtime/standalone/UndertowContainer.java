package dev.parley.runtime.standalone;

import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import jakarta.websocket.server.ServerApplicationConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import org.xnio.ChannelListeners;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * Undertow (its Jakarta WebSocket implementation, as in WildFly) on one listening socket bound to one address: the
 * standalone launcher's third container ({@code parley.container=undertow}). Unlike Tyrus on Grizzly and Jetty,
 * which hand every read to a pool thread, it can run the endpoint on the I/O thread that read the frame, as a Node
 * server does: no thread hand-off per audio frame (docs/performance.md). Since Parley runs agents' handlers on its
 * own workers, what then runs on the I/O thread is Parley's frame handling and the start of a conversation (the
 * agent instance, a conversation store lookup); {@code parley.undertow.dispatch-to-worker=on} moves all of that to
 * Undertow's worker pool when those can block for long. Undertow is an optional dependency of the runtime:
 * an application that selects it adds {@code io.undertow:undertow-websockets-jsr}.
 */
final class UndertowContainer implements StandaloneContainer {
    private final String host;
    private final XnioWorker worker;
    private final DeploymentManager deployment;
    private final HttpOpenListener connections;
    private AcceptingChannel<StreamConnection> listener;

    private UndertowContainer(ServerApplicationConfig application, String host, int incomingBufferSize,
                              int ioThreads, boolean dispatchToWorker) throws IOException {
        this.host = host;
        int cpus = Runtime.getRuntime().availableProcessors();
        worker = Xnio.getInstance(UndertowContainer.class.getClassLoader()).createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, ioThreads > 0 ? ioThreads : cpus)
                .set(Options.WORKER_TASK_CORE_THREADS, 8 * cpus)
                .set(Options.WORKER_TASK_MAX_THREADS, 8 * cpus)
                .set(Options.WORKER_NAME, "parley-undertow")
                .getMap());
        DefaultByteBufferPool buffers = new DefaultByteBufferPool(true, 16 * 1024);
        WebSocketDeploymentInfo webSockets = new WebSocketDeploymentInfo()
                .setWorker(worker)
                .setBuffers(buffers)
                .setDispatchToWorkerThread(dispatchToWorker)
                .addProgramaticEndpoints(application.getEndpointConfigs(Set.of()))
                .addAnnotatedEndpoints(application.getAnnotatedEndpointClasses(Set.of()))
                .addListener(container -> {
                    container.setDefaultMaxTextMessageBufferSize(incomingBufferSize);
                    container.setDefaultMaxBinaryMessageBufferSize(incomingBufferSize);
                    // as on the other containers: each dialect keeps its connections alive or ends them by its rules
                    container.setDefaultMaxSessionIdleTimeout(0);
                });
        DeploymentInfo servlets = Servlets.deployment()
                .setClassLoader(UndertowContainer.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("parley")
                .addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, webSockets);
        deployment = Servlets.newContainer().addDeployment(servlets);
        deployment.deploy();
        connections = new HttpOpenListener(buffers, OptionMap.EMPTY);
    }

    /** An Undertow container, or a clear failure when Undertow is not on the class path. */
    static UndertowContainer create(ServerApplicationConfig application, String host, int incomingBufferSize,
                                    int ioThreads, boolean dispatchToWorker) {
        try {
            return new UndertowContainer(application, host, incomingBufferSize, ioThreads, dispatchToWorker);
        } catch (NoClassDefFoundError missing) {
            throw new IllegalStateException("parley.container=undertow needs Undertow on the class path: add "
                    + "io.undertow:undertow-websockets-jsr (2.3) to the application, or leave parley.container at "
                    + "tyrus (missing: " + missing.getMessage() + ")", missing);
        } catch (IOException failure) {
            throw new IllegalStateException("Undertow's I/O threads did not start", failure);
        }
    }

    @Override
    public void start(int port) throws Exception {
        connections.setRootHandler(deployment.start());
        listener = worker.createStreamConnectionServer(new InetSocketAddress(host, port),
                ChannelListeners.openListenerAdapter(connections),
                OptionMap.builder().set(Options.TCP_NODELAY, true).set(Options.REUSE_ADDRESSES, true).getMap());
        listener.resumeAccepts();
    }

    @Override
    public int port() {
        return listener == null ? -1 : ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    @Override
    public void stopAccepting() {
        try {
            listener.close();
        } catch (IOException failure) {
            throw new IllegalStateException("Undertow's listening socket did not close", failure);
        }
    }

    @Override
    public void stop() {
        try {
            if (listener != null && listener.isOpen()) {
                listener.close();
            }
            connections.closeConnections();
            deployment.stop();
            deployment.undeploy();
        } catch (Exception failure) {
            throw new IllegalStateException("Undertow did not stop cleanly", failure);
        } finally {
            worker.shutdownNow();
        }
    }
}
