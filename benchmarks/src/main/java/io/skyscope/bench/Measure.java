package io.skyscope.bench;

import io.skyscope.map.TiledMap;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/** What the media benchmarks share: process CPU, percentiles, waiting, and open floor on the default map. */
final class Measure {
    static final Duration WAIT = Duration.ofSeconds(15);

    private Measure() {
    }

    /** Process CPU (every thread, native ones included) over {@code seconds}, in percent of one core. */
    static double cpuPercent(int seconds) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return 100.0 * (os.getProcessCpuTime() - cpu) / (System.nanoTime() - wall);
    }

    /** The {@code p}th percentile of {@code values} (nearest rank), divided by {@code unit}. */
    static double pct(long[] values, int p, double unit) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / unit;
    }

    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting at "
                        + StackWalker.getInstance().walk(f -> f.skip(1).findFirst().map(Object::toString).orElse("?")));
            }
            Thread.sleep(2);
        }
    }

    /**
     * An open-space point near the caller, reachable in a straight line from where they stand,
     * with open floor {@code halfWidth} px to its left and right and {@code halfHeight} above and
     * below (no walls, no areas).
     */
    static double[] openFloor(Caller caller, double halfWidth, double halfHeight) {
        var snapshot = caller.session.snapshot();
        TiledMap map = io.skyscope.map.TiledMapParser.parse(
                snapshot.map().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var me = snapshot.self();
        for (int radius = 0; radius < 1000; radius += 16) {
            for (int deg = 0; deg < 360; deg += radius == 0 ? 360 : 10) {
                double x = me.x() + Math.cos(Math.toRadians(deg)) * radius;
                double y = me.y() + Math.sin(Math.toRadians(deg)) * radius;
                if (clear(map, x - halfWidth, y, x + halfWidth, y) && clear(map, x, y - halfHeight, x, y + halfHeight)
                        && clear(map, me.x(), me.y(), x, y)) {
                    return new double[] {x, y};
                }
            }
        }
        throw new IllegalStateException("no open floor of " + 2 * halfWidth + " x " + 2 * halfHeight + " px");
    }

    private static boolean clear(TiledMap map, double x1, double y1, double x2, double y2) {
        boolean inside = x1 > 0 && y1 > 0 && x2 > 0 && y2 > 0 && x1 < map.pixelWidth() && x2 < map.pixelWidth()
                && y1 < map.pixelHeight() && y2 < map.pixelHeight();
        return inside && map.collision().walkable(x1, y1) && map.collision().walkable(x2, y2)
                && map.areaAt(x1, y1).isEmpty() && map.areaAt(x2, y2).isEmpty()
                && map.collision().segmentClear(x1, y1, x2, y2);
    }
}
