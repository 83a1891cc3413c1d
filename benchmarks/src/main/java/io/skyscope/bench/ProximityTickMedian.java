package io.skyscope.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * One configuration of {@link ProximityBenchmark} in its own JVM, for comparing two builds of the
 * engine on a machine whose figures drift from JVM to JVM: 600 warm-up ticks, then the median CPU
 * time (of this thread) of 600 ticks, in microseconds. Run it alternately against each build, several
 * times, and compare the spread of the medians:
 *
 * <pre>{@code
 * java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar io.skyscope.bench.ProximityTickMedian 10000 8 10 4
 * }</pre>
 *
 * <p>Arguments: users, neighbours (people within the join radius of someone), share moving per tick
 * in percent, meeting rooms, and optionally the movement ({@code shuffle}, the default, or {@code
 * walk}) and the space's walking speed (px/s, 0: off; the default setting unless given). It uses
 * only the benchmark's public fields, {@code setUp} and {@code tick}, so an older build's jar can
 * come first on the class path (one from before {@code walk} only without it).
 */
public final class ProximityTickMedian {
    private static final int TICKS = 600;

    private ProximityTickMedian() {
    }

    public static void main(String[] args) {
        if (args.length < 4 || args.length > 6) {
            System.err.println("usage: ProximityTickMedian <users> <neighbours> <moving-percent> <rooms> [shuffle|walk"
                    + " [walking-speed]]");
            System.exit(2);
        }
        var b = new ProximityBenchmark();
        b.users = Integer.parseInt(args[0]);
        b.neighbours = Integer.parseInt(args[1]);
        b.movingPercent = Integer.parseInt(args[2]);
        b.rooms = Integer.parseInt(args[3]);
        if (args.length >= 5) {
            b.movement = args[4];
        }
        if (args.length == 6) {
            b.walkingSpeed = Double.parseDouble(args[5]);
        }
        b.setUp();
        for (int i = 0; i < TICKS; i++) {
            b.tick();
        }
        var threads = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[TICKS];
        for (int i = 0; i < TICKS; i++) {
            long before = threads.getCurrentThreadCpuTime();
            b.tick();
            cpu[i] = threads.getCurrentThreadCpuTime() - before;
        }
        Arrays.sort(cpu);
        System.out.printf("%.0f%n", cpu[TICKS / 2] / 1e3);
    }
}
