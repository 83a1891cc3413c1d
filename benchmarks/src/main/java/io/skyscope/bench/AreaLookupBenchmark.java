package io.skyscope.bench;

import io.skyscope.map.AreaKind;
import io.skyscope.map.MapArea;
import io.skyscope.server.world.proximity.ProximityEngine;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The area look-up a space makes for every step someone takes (is it into a full meeting room?):
 * {@code ProximityEngine.roomFull} at a random point of a floor of 16,000 px square with
 * {@code areas} meeting rooms of 300 px on a grid, each with a 100 px booth (a silent zone)
 * inside it, so that half the areas overlap another. 1,024 points per call, taken in turn.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AreaLookupBenchmark {
    private static final double SIDE = 16_000;

    /** Areas on the floor: half rooms, half booths inside them. */
    @Param({"10", "250", "1000"})
    public int areas;

    private ProximityEngine engine;
    private final double[] xs = new double[1024];
    private final double[] ys = new double[1024];
    private int next;

    @Setup
    public void setUp() {
        int rooms = areas / 2;
        int k = (int) Math.ceil(Math.sqrt(rooms));
        double cell = SIDE / k;
        List<MapArea> list = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            double x = (i % k + 0.5) * cell - 150;
            double y = (i / k + 0.5) * cell - 150;
            list.add(new MapArea("Room " + i, AreaKind.MEETING_ROOM, x, y, 300, 300, Map.of()));
            list.add(new MapArea("Booth " + i, AreaKind.SILENT_ZONE, x + 100, y + 100, 100, 100, Map.of()));
        }
        engine = new ProximityEngine(VoiceSettings.defaults(), list, Clock.systemUTC());
        var random = new Random(42);
        for (int i = 0; i < xs.length; i++) {
            xs[i] = random.nextDouble() * SIDE;
            ys[i] = random.nextDouble() * SIDE;
        }
    }

    /** One look-up (the engine keeps the last point, so each call takes the next of the 1,024). */
    @Benchmark
    public boolean roomFull() {
        int i = next;
        next = (next + 1) & (xs.length - 1);
        return engine.roomFull("nobody", xs[i], ys[i]).isPresent();
    }
}
