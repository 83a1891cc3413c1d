package io.skyscope.server.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.map.TestMaps;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.bus.InProcessEventBus;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.metrics.ServerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The owner's thread: ticks and commands share it, and neither starves the other. */
class SpaceOwnerTest {
    private static final int TICK_MILLIS = 5;

    private static JoinRequest request(String userId) {
        return new JoinRequest(userId, "session-" + userId, userId.toUpperCase(), "a1", Status.AVAILABLE, "", null);
    }

    /**
     * A space whose every tick takes longer than its period (here one reader takes 20 ms to be
     * written each frame, four periods) runs its ticks back to back; a join or a question must
     * still be answered, not wait for as long as the ticks run late.
     */
    @Test
    void commandsAreHandledWhileTicksRunLate() throws Exception {
        var floor = TestMaps.map("S.........", "..........", "..........");
        var clock = Clock.systemUTC();
        var state = new SpaceState(new ServerMessage.SpaceInfo("s", "S", "m", 1), floor,
                new WorldTuning(320, 1000, TICK_MILLIS, 60), clock);
        EventBus bus = new InProcessEventBus();
        try (var owner = new SpaceOwner(state, bus, new ServerMetrics(), TICK_MILLIS, clock).start()) {
            owner.submit(new SpaceCommand.Join(request("a")));
            owner.submit(new SpaceCommand.Join(request("b")));
            await().atMost(Duration.ofSeconds(10)).until(() -> owner.population() == 2);
            double[] start = owner.ask(s -> s.positions().get("a")).get(10, TimeUnit.SECONDS);

            // Every frame b is sent takes 20 ms to write, and brings a's next step: so every tick
            // has a move of a's to send b, and takes four tick periods.
            AtomicInteger frames = new AtomicInteger();
            bus.subscribe(EventBus.Topics.user("b"), frame -> {
                slowWrite();
                int step = frames.incrementAndGet();
                owner.submit(new SpaceCommand.Move("a", start[0] + step % 2, start[1], step, System.nanoTime()));
            });
            owner.submit(new SpaceCommand.Move("a", start[0] + 1, start[1], 0, System.nanoTime()));
            await().atMost(Duration.ofSeconds(30)).until(() -> frames.get() >= 20);

            owner.submit(new SpaceCommand.Join(request("c")));
            Integer population = owner.ask(SpaceState::population).get(10, TimeUnit.SECONDS);
            assertThat(population).isEqualTo(3);
            int before = frames.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> frames.get() > before + 5); // and the ticks go on
        }
    }

    /** A reader's frame that takes 20 ms to write (a slow socket), on the delivering thread. */
    private static void slowWrite() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
