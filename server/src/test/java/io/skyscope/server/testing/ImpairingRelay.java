package io.skyscope.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A bad network in front of a TURN server, for tests: a UDP relay on a loopback port that clients
 * use as their TURN server. Each client address gets its own upstream socket to the real TURN
 * server, so that coturn sees one 5-tuple per client as it would without the relay.
 *
 * <p>Impairment applies to the TURN server → client direction only: with both clients relayed by
 * the same coturn, a media packet crosses the relay twice (sender → coturn, then coturn →
 * receiver), so impairing one direction impairs each packet exactly once end to end. Each packet
 * coming back from coturn is dropped with the loss probability, otherwise held for {@code base} plus
 * a uniform random delay up to {@code jitter} (independently per packet, so packets are reordered
 * where their delays cross). An {@link #outage} drops everything both ways for its duration,
 * packets already held included. Randomness is seeded: the same seed and packet order give the same
 * drops and delays.
 *
 * <p>Threads: one receiving thread for the clients' side, one per client for coturn's side, one
 * sending held packets when due. {@link #impair}, {@link #outage} and the counters may be called
 * from any thread. Stopped by {@link #close} (or after the test class, as a JUnit extension).
 */
public final class ImpairingRelay implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    /** No client may open more upstream sockets than this (a test has a handful). */
    private static final int MAX_CLIENTS = 64;
    /** Packets held for delay at most; more are dropped (and counted) as a full router queue would. */
    private static final int MAX_HELD = 10_000;
    private static final int MAX_DATAGRAM = 65_535;

    /** How the coturn → client direction is impaired. */
    public record Impairment(double loss, Duration base, Duration jitter) {
        public static final Impairment NONE = new Impairment(0, Duration.ZERO, Duration.ZERO);

        public Impairment {
            if (!(loss >= 0 && loss <= 1) || base.isNegative() || jitter.isNegative()) {
                throw new IllegalArgumentException("loss must be within 0..1 and delays not negative");
            }
        }
    }

    private final Supplier<InetSocketAddress> upstream;
    private final long seed;
    private final Map<SocketAddress, Upstream> clients = new ConcurrentHashMap<>();
    private final DelayQueue<Held> held = new DelayQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong blackedOut = new AtomicLong();
    private SplittableRandom random;
    private DatagramSocket listening;
    private InetSocketAddress target;
    private volatile Impairment impairment = Impairment.NONE;
    /** System.nanoTime when the last outage ended (or ends); nanoTime values are compared by difference. */
    private volatile long outageEndsNanos = System.nanoTime();
    private volatile boolean running;

    /** A relay to the TURN server at {@code upstream} (asked for when it starts), with this random seed. */
    public ImpairingRelay(Supplier<InetSocketAddress> upstream, long seed) {
        this.upstream = upstream;
        this.seed = seed;
    }

    /** Listens on a free port of 127.0.0.1 and starts forwarding. */
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            target = upstream.get();
            random = new SplittableRandom(seed);
            listening = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        running = true;
        threads.add(Thread.ofPlatform().name("relay-from-clients").daemon().start(this::fromClients));
        threads.add(Thread.ofPlatform().name("relay-delayed").daemon().start(this::sendHeld));
    }

    /** The port clients use as their TURN server's. */
    public int port() {
        return listening.getLocalPort();
    }

    /** From now on, impair coturn → client packets this way ({@link Impairment#NONE}: a clean path). */
    public void impair(Impairment next) {
        impairment = next;
    }

    /** Drops every packet both ways, held ones included, for {@code length} from now. */
    public void outage(Duration length) {
        outageEndsNanos = System.nanoTime() + length.toNanos();
    }

    /** Whether an outage is on now. */
    public boolean inOutage() {
        return System.nanoTime() - outageEndsNanos < 0;
    }

    /** Packets delivered either way. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Packets dropped by the loss probability or a full queue. */
    public long dropped() {
        return dropped.get();
    }

    /** Packets dropped by an outage. */
    public long blackedOut() {
        return blackedOut.get();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Closes every socket and waits for the threads to end. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        listening.close();
        clients.values().forEach(c -> c.socket.close());
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
        clients.clear();
        held.clear();
    }

    /** Client → coturn: forwarded at once (unless in an outage) through the client's own upstream socket. */
    private void fromClients() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (running) {
            var packet = new DatagramPacket(buffer, buffer.length);
            try {
                listening.receive(packet);
            } catch (IOException e) {
                return;
            }
            if (inOutage()) {
                blackedOut.incrementAndGet();
                continue;
            }
            Upstream client = upstreamFor(packet.getSocketAddress());
            if (client == null) {
                dropped.incrementAndGet();
                continue;
            }
            try {
                client.socket.send(new DatagramPacket(packet.getData(), packet.getLength(), target));
                forwarded.incrementAndGet();
            } catch (IOException e) {
                dropped.incrementAndGet();
            }
        }
    }

    private Upstream upstreamFor(SocketAddress client) {
        Upstream known = clients.get(client);
        if (known != null || clients.size() >= MAX_CLIENTS) {
            return known;
        }
        synchronized (this) {
            if (!running) {
                return null;
            }
            return clients.computeIfAbsent(client, address -> {
                try {
                    var socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                    var created = new Upstream(address, socket);
                    threads.add(Thread.ofPlatform().name("relay-from-turn").daemon().start(() -> fromTurn(created)));
                    return created;
                } catch (SocketException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Coturn → one client: dropped, or held for its delay; the impaired direction. */
    private void fromTurn(Upstream client) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (running) {
            var packet = new DatagramPacket(buffer, buffer.length);
            try {
                client.socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            if (inOutage()) {
                blackedOut.incrementAndGet();
                continue;
            }
            Impairment now = impairment;
            long delayNanos;
            synchronized (held) {
                if (random.nextDouble() < now.loss() || held.size() >= MAX_HELD) {
                    dropped.incrementAndGet();
                    continue;
                }
                long jitter = now.jitter().toNanos();
                delayNanos = now.base().toNanos() + (jitter == 0 ? 0 : random.nextLong(jitter + 1));
            }
            byte[] copy = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
            held.add(new Held(System.nanoTime() + delayNanos, copy, client.address));
        }
    }

    /** Sends held packets to their clients when due, from the listening socket (the address clients know). */
    private void sendHeld() {
        while (running) {
            Held next;
            try {
                next = held.take();
            } catch (InterruptedException e) {
                return;
            }
            if (inOutage()) {
                blackedOut.incrementAndGet();
                continue;
            }
            try {
                listening.send(new DatagramPacket(next.data, next.data.length, next.to));
                forwarded.incrementAndGet();
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                dropped.incrementAndGet();
            }
        }
    }

    private record Upstream(SocketAddress address, DatagramSocket socket) {
    }

    /** A packet from coturn waiting for its delay. */
    private record Held(long dueNanos, byte[] data, SocketAddress to) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Held) other).dueNanos);
        }
    }
}
