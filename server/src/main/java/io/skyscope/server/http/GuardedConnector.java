package io.skyscope.server.http;

import io.skyscope.server.config.Protection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP (and WebSocket) listener, with limits that keep one client from holding the server's
 * file descriptors:
 * <ul>
 *   <li>at most {@link Protection#connectionsPerAddress} open connections per client address
 *       (connections from {@link TrustedProxies} are not counted: a proxy carries everyone);
 *       one more is closed as soon as it is accepted;</li>
 *   <li>a connection must finish the headers of its first request within
 *       {@link Protection#headerTimeoutSeconds} of connecting, however it trickles them in;</li>
 *   <li>an HTTP connection with nothing to do is closed after
 *       {@link Protection#idleTimeoutSeconds}. A WebSocket, which is authenticated before the
 *       upgrade, has the WebSocket idle timeout (and pings) instead;</li>
 *   <li>a listen backlog of {@value #ACCEPT_QUEUE} instead of the JDK's 50, so that a burst of
 *       honest clients is not dropped before the limits above can tell them apart.</li>
 * </ul>
 * Counting is per TCP connection (Jetty's end point), so an upgrade to WebSocket keeps its place.
 *
 * <p>Thread-safety: {@link #onEndPointOpened} and {@link #onEndPointClosed} are called by Jetty's
 * selector threads, the header deadline runs on the connector's scheduler; the counts are a
 * concurrent map updated atomically per address.
 */
public final class GuardedConnector extends ServerConnector {
    static final int ACCEPT_QUEUE = 1024;
    private static final Logger log = LoggerFactory.getLogger(GuardedConnector.class);

    private final TrustedProxies proxies;
    private final int perAddress;
    private final Duration headerTimeout;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Whom each counted end point counts against: a closed socket no longer says. */
    private final Map<EndPoint, InetAddress> counted = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong tooSlow = new AtomicLong();

    public GuardedConnector(Server server, HttpConfiguration http, String host, int port, Protection protection,
                            TrustedProxies proxies) {
        super(server, new HttpConnectionFactory(http));
        this.proxies = proxies;
        this.perAddress = protection.connectionsPerAddress();
        this.headerTimeout = Duration.ofSeconds(protection.headerTimeoutSeconds());
        setHost(host);
        setPort(port);
        setIdleTimeout(Duration.ofSeconds(protection.idleTimeoutSeconds()).toMillis());
        setAcceptQueueSize(ACCEPT_QUEUE);
    }

    /** Connections closed because their address already had the most it may hold. */
    public long refusedConnections() {
        return refused.get();
    }

    /** Connections closed because their first request's headers did not arrive in time. */
    public long slowConnections() {
        return tooSlow.get();
    }

    @Override
    protected void onEndPointOpened(EndPoint endPoint) {
        super.onEndPointOpened(endPoint);
        InetAddress address = client(endPoint);
        if (address != null) {
            counted.put(endPoint, address);
        }
        if (address != null && open.merge(address, 1, Integer::sum) > perAddress) {
            refused.incrementAndGet();
            log.debug("Closing a connection from {}: it already holds {}", address.getHostAddress(), perAddress);
            endPoint.close();
            return;
        }
        Connection first = endPoint.getConnection();
        getScheduler().schedule(() -> closeIfNoRequest(endPoint, first), headerTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onEndPointClosed(EndPoint endPoint) {
        InetAddress address = counted.remove(endPoint);
        if (address != null) {
            open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
        super.onEndPointClosed(endPoint);
    }

    private void closeIfNoRequest(EndPoint endPoint, Connection first) {
        // The first connection object is Jetty's HTTP/1.1 connection, which counts a request once
        // its headers are complete; after an upgrade the end point has another connection.
        if (endPoint.isOpen() && endPoint.getConnection() == first && first != null && first.getMessagesIn() == 0) {
            tooSlow.incrementAndGet();
            log.debug("Closing a connection from {}: no complete request headers within {}",
                    endPoint.getRemoteSocketAddress(), headerTimeout);
            endPoint.close();
        }
    }

    /** The client address the end point counts against, or null if it is not counted. */
    private InetAddress client(EndPoint endPoint) {
        if (endPoint.getRemoteSocketAddress() instanceof InetSocketAddress remote && remote.getAddress() != null
                && !proxies.contains(remote.getAddress())) {
            return remote.getAddress();
        }
        return null;
    }
}
