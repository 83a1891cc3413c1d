package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.voice.SignalSource;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fifty times Ana walks up to Ben (the server links them, he hears her tone) and away again (the
 * server unlinks them, both close the connection). Afterwards the process (server and both
 * clients) has as many threads as before, and the memory held outside the JVM's own accounting
 * (WebRTC's) shows no trend.
 */
@Tag("voice")
class VoiceCyclesEndToEndTest {
    private static final int WARM_UP = 20;
    private static final int CYCLES = 50;
    /** Threads that may be added over the cycles without it being a leak. */
    private static final int LEAK_BOUND = CYCLES / 5;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VoiceClientsEndToEndTest.VOICE)));

    @Test
    void fiftyWalksInAndOutLeakNothingAndCrashNothing() {
        try (var ben = VoiceClient.join(SERVER, "ben", VoiceClientsEndToEndTest.OFFICE);
             var ana = VoiceClient.join(SERVER, "ana", VoiceClientsEndToEndTest.OFFICE)) {
            var places = Places.around(SERVER, ben);
            ben.moveTo(places.centre());
            ana.moveTo(places.far());
            ana.audio.play(SignalSource.tone(440));
            for (int i = 0; i < WARM_UP; i++) {
                cycle(ana, ben, places);
            }
            long rss = rssKib();
            long outside = outsideJvmKib();
            long osThreads = osThreads();
            int javaThreads = ManagementFactory.getThreadMXBean().getThreadCount();
            var namesBefore = javaThreadNames();
            long[] samples = new long[CYCLES];
            for (int i = 0; i < CYCLES; i++) {
                cycle(ana, ben, places);
                samples[i] = outsideJvmKib();
            }
            long rssAfter = rssKib();
            long outsideAfter = outsideJvmKib();
            long osAfter = osThreads();
            int javaAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            var started = javaThreadNames();
            started.removeAll(namesBefore);
            double slope = medianSlope(samples);
            System.out.printf("after %d warm-up cycles: RSS %d KiB, %d OS threads, %d Java threads%n", WARM_UP, rss,
                    osThreads, javaThreads);
            System.out.printf("after %d more: RSS %d KiB (%+d), %d OS threads, %d Java threads%n",
                    CYCLES, rssAfter, rssAfter - rss, osAfter, javaAfter);
            System.out.println("Java threads started during the cycles and still running: " + started);
            System.out.printf("native memory (RSS less the JVM's own): %d -> %d KiB, trend %.1f KiB a cycle%n",
                    outside, outsideAfter, slope);
            // Pools come and go by a few threads (the JIT's compilers, GC workers, the virtual-thread
            // scheduler's carriers, the HTTP server's and clients' pools): one run saw +4 OS and +2 Java
            // threads. A thread left behind by every call would add CYCLES of them, one in five calls a
            // fifth of that.
            assertThat(osAfter).as("OS threads").isLessThanOrEqualTo(osThreads + LEAK_BOUND);
            assertThat(javaAfter).as("Java threads").isLessThanOrEqualTo(javaThreads + LEAK_BOUND);
            // The JVM's own growth (JIT code for the server and both clients) is taken out with NMT.
            // Four runs on a loaded 2-core machine measured 30-80 KiB a cycle (native allocator
            // growth or a small leak not yet tracked down); the bound fails on anything larger.
            assertThat(slope).as("native memory trend, KiB per cycle").isLessThan(150);
            assertThat(rssAfter - rss).as("RSS growth, KiB").isLessThan(20_000);
        }
    }

    private static void cycle(VoiceClient ana, VoiceClient ben, Places places) {
        ana.moveTo(places.left(60));
        await().atMost(TIMEOUT).until(() -> ben.hears(440, 100) > 300);
        ana.moveTo(places.far());
        await().atMost(TIMEOUT).until(() ->
                ben.engine().snapshot().links().isEmpty() && ana.engine().snapshot().links().isEmpty());
        // The tone's last moments must be gone from Ben's output, or the next cycle would take them
        // for a new call and move on before the server links the two again.
        await().atMost(TIMEOUT).until(() -> ben.hears(440, 100) < 20);
    }

    /** Theil–Sen estimate: the median of the slopes between every pair of samples. */
    private static double medianSlope(long[] samples) {
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < samples.length; i++) {
            for (int j = i + 1; j < samples.length; j++) {
                slopes.add((samples[j] - samples[i]) / (double) (j - i));
            }
        }
        Collections.sort(slopes);
        return slopes.get(slopes.size() / 2);
    }

    /** RSS less what the JVM committed itself (Native Memory Tracking): native libraries' memory. */
    private static long outsideJvmKib() {
        try {
            var server = ManagementFactory.getPlatformMBeanServer();
            var name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
            String summary = String.valueOf(server.invoke(name, "vmNativeMemory", new Object[] {new String[] {"summary"}},
                    new String[] {String[].class.getName()}));
            var m = java.util.regex.Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB").matcher(summary);
            return m.find() ? rssKib() - Long.parseLong(m.group(1)) : rssKib();
        } catch (Exception e) {
            return rssKib();
        }
    }

    private static java.util.Set<String> javaThreadNames() {
        var names = new java.util.TreeSet<String>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        return names;
    }

    private static long rssKib() {
        return statusField("VmRSS:");
    }

    private static long osThreads() {
        return statusField("Threads:");
    }

    private static long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException(name);
    }
}
