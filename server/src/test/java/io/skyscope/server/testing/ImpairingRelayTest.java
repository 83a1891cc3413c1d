package io.skyscope.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.server.testing.ImpairingRelay.Impairment;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay over real loopback sockets, with a UDP echo server standing in for coturn: packets come
 * back through it, the way back loses about the share asked for, holds packets at least the base
 * delay and reorders them, and an outage drops everything; each client gets its own upstream port.
 */
class ImpairingRelayTest {
    private static final int PACKETS = 2000;

    private DatagramSocket echo;
    private Thread echoThread;
    private final Set<Integer> echoSeenPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private ImpairingRelay relay;
    /** The quickest round trip of the last {@link #exchange}, in nanoseconds. */
    private long shortestTrip;

    @BeforeEach
    void start() throws IOException {
        echo = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        echoThread = Thread.ofPlatform().daemon().start(() -> {
            byte[] buffer = new byte[2048];
            while (!echo.isClosed()) {
                var packet = new DatagramPacket(buffer, buffer.length);
                try {
                    echo.receive(packet);
                    echoSeenPorts.add(packet.getPort());
                    echo.send(packet);
                } catch (IOException e) {
                    return;
                }
            }
        });
        relay = new ImpairingRelay(() -> new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()), 7);
        relay.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        relay.close();
        echo.close();
        echoThread.join(5000);
    }

    @Test
    void aCleanPathReturnsEveryPacketInOrderThroughOneUpstreamPortPerClient() throws IOException {
        try (var ana = client(); var ben = client()) {
            List<Integer> back = exchange(ana, 200);
            exchange(ben, 10);
            assertThat(back).hasSize(200).isSorted();
            assertThat(echoSeenPorts).hasSize(2);
        }
    }

    @Test
    void lossDelayAndReorderingApplyOnTheWayBack() throws IOException {
        relay.impair(new Impairment(0.05, Duration.ofMillis(10), Duration.ofMillis(60)));
        try (var ana = client()) {
            List<Integer> back = exchange(ana, PACKETS);
            assertThat(back.size()).as("packets back of " + PACKETS).isBetween(PACKETS * 90 / 100, PACKETS * 99 / 100);
            assertThat(relay.dropped()).isEqualTo(PACKETS - back.size());
            assertThat(back).as("reordered by the random delays").isNotEqualTo(back.stream().sorted().toList());
            assertThat(new HashSet<>(back)).hasSameSizeAs(back);
            assertThat(shortestTrip).as("every packet held at least the base delay")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(10).toNanos());
        }
    }

    @Test
    void anOutageDropsEverythingBothWaysUntilItEnds() throws IOException {
        try (var ana = client()) {
            relay.outage(Duration.ofSeconds(30));
            assertThat(relay.inOutage()).isTrue();
            assertThat(exchange(ana, 50)).isEmpty();
            assertThat(relay.blackedOut()).isEqualTo(50);
            assertThat(echoSeenPorts).as("nothing reached the upstream").isEmpty();
            relay.outage(Duration.ZERO);
            assertThat(exchange(ana, 50)).hasSize(50);
        }
    }

    private static DatagramSocket client() throws IOException {
        var socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(1000);
        return socket;
    }

    /**
     * Sends {@code count} numbered, time-stamped packets 1 ms apart (paced, so that no socket buffer
     * overflows) and collects the numbers that come back until 1 s of quiet.
     */
    private List<Integer> exchange(DatagramSocket socket, int count) throws IOException {
        var to = new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.port());
        var back = new ArrayList<Integer>();
        shortestTrip = Long.MAX_VALUE;
        var receiver = Thread.ofPlatform().start(() -> {
            byte[] buffer = new byte[64];
            long quickest = Long.MAX_VALUE;
            while (true) {
                var packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (IOException e) {
                    // a timeout: 1 s of quiet
                    break;
                }
                var data = ByteBuffer.wrap(packet.getData(), 0, 12);
                synchronized (back) {
                    back.add(data.getInt());
                }
                quickest = Math.min(quickest, System.nanoTime() - data.getLong());
            }
            synchronized (back) {
                shortestTrip = quickest;
            }
        });
        for (int i = 0; i < count; i++) {
            socket.send(new DatagramPacket(ByteBuffer.allocate(12).putInt(i).putLong(System.nanoTime()).array(), 12, to));
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        try {
            receiver.join(count * 10L + 30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (back) {
            return List.copyOf(back);
        }
    }
}
