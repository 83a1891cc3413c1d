package io.skyscope.bench;

import io.skyscope.map.TiledMap;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.world.Delivery;
import io.skyscope.server.world.JoinRequest;
import io.skyscope.server.world.SpaceState;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Move fan-out in one space: one 100 ms tick in which every user who walks (5 moves a second each,
 * so half of them per tick) sends a move, the space validates them, builds each observer's
 * presence update (interest management) and encodes every frame. Measures the server-side cost of
 * one tick; the frames and bytes it produces per tick are reported as auxiliary counters.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MoveFanOutBenchmark {

    @Param({"100", "500", "2000"})
    public int users;

    /** office: the shipped 1,920 x 1,280 px map (everyone within view); campus: 6,400 x 6,400 px open floor. */
    @Param({"office", "campus"})
    public String map;

    private SpaceState state;
    private SteppingClock clock;
    private Random random;
    private String[] ids;
    private TiledMap tiled;
    private long tick;

    /** Frames and bytes produced, per benchmark operation (= per tick). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Output {
        public long frames;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            frames = 0;
            bytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        random = new Random(42);
        clock = new SteppingClock();
        tiled = BenchmarkMaps.byName(map);
        var info = new ServerMessage.SpaceInfo("bench", "Bench", "bench", 1);
        state = new SpaceState(info, tiled, WorldTuning.defaults(), clock);
        ids = new String[users];
        for (int i = 0; i < users; i++) {
            ids[i] = "user-" + i;
            state.join(new JoinRequest(ids[i], "s" + i, "User " + i, "a1", Status.AVAILABLE, null, null));
            double[] at = BenchmarkMaps.randomWalkable(tiled, random);
            state.teleport(ids[i], at[0], at[1]);
        }
        state.tick();
    }

    @Benchmark
    public int tick(Output out) {
        clock.advance(Duration.ofMillis(100));
        tick++;
        for (int i = (int) (tick % 2); i < users; i += 2) {
            var me = state.person(ids[i]);
            double x = me.x() + (random.nextDouble() - 0.5) * 30;
            double y = me.y() + (random.nextDouble() - 0.5) * 30;
            if (x > 0 && y > 0 && x < tiled.pixelWidth() && y < tiled.pixelHeight()) {
                state.move(ids[i], x, y, tick);
            }
        }
        List<Delivery> deliveries = state.tick();
        int bytes = 0;
        for (Delivery d : deliveries) {
            bytes += d.frame().length();
        }
        out.frames += deliveries.size();
        out.bytes += bytes;
        return bytes;
    }

    /**
     * A tick report beside JMH, for a machine shared with other work: for each map and size, the
     * median CPU time of the ticking thread over 40 ticks after 10 warm-up ticks, and the bytes of
     * presence frames built per tick.
     * {@code java -cp benchmarks/target/benchmarks.jar io.skyscope.bench.MoveFanOutBenchmark}
     */
    public static void main(String[] args) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.println("map     users  cpu-median-ms  kB-per-tick");
        for (String map : new String[] {"office", "campus"}) {
            for (int users : new int[] {100, 500, 2000}) {
                var b = new MoveFanOutBenchmark();
                b.map = map;
                b.users = users;
                b.setUp();
                var out = new Output();
                for (int i = 0; i < 10; i++) {
                    b.tick(out);
                }
                long[] cpu = new long[40];
                long bytes = 0;
                for (int i = 0; i < cpu.length; i++) {
                    long c0 = threads.getCurrentThreadCpuTime();
                    bytes += b.tick(out);
                    cpu[i] = threads.getCurrentThreadCpuTime() - c0;
                }
                java.util.Arrays.sort(cpu);
                System.out.printf(java.util.Locale.ROOT, "%-6s  %5d  %13.2f  %11.0f%n", map, users, cpu[20] / 1e6,
                        bytes / 40.0 / 1000);
            }
        }
    }
}
