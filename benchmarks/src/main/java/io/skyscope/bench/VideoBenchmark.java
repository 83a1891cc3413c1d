package io.skyscope.bench;

import dev.onvoid.webrtc.media.video.VideoFrame;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.video.TestPattern;
import io.skyscope.client.video.VideoDevice;
import io.skyscope.client.video.VideoFrameSink;
import io.skyscope.client.video.VideoKind;
import io.skyscope.client.voice.LinkState;
import io.skyscope.server.SkyScopeServer;
import io.skyscope.server.config.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Camera video, end to end through a real server (in this JVM, default configuration: video from
 * the 4 nearest) and headless clients sending the synthetic camera ({@link TestPattern}: 640 × 360
 * at 15 fps, every frame stamped with its capture time), real WebRTC with VP8 over loopback.
 *
 * <ol>
 *   <li>Capture to decoded frame: Ana and Ben stand 30 px apart, Ana's camera on; every frame
 *       Ben's sink receives is decoded and its stamp compared with the wall clock, over
 *       {@code seconds}. Both ends share the clock, so the difference is capture → encode → send →
 *       receive → decode → sink. A desktop shows the frame at its next pulse (up to 16 ms later).</li>
 *   <li>Camera on → first frame at the peer, 10 times (the link is up; the track is put on it).</li>
 *   <li>CPU per link at each quality: a sender with {@code n} people around it (1, 3 and 5, so its
 *       camera goes out at 640 × 360 / 15, 480 × 270 / 12 and 320 × 180 / 10), process CPU over
 *       20 s with every camera off (voice links only) and with the sender's camera on. The
 *       difference divided by {@code n} is one link, both ends (one encode, one decode).</li>
 *   <li>A client with V = 4 video links: five people (one in the middle of four), everyone's camera on, so everyone
 *       sends four copies and decodes four; process CPU over 20 s, cameras off and on, divided by five.</li>
 * </ol>
 * Usage: {@code VideoBenchmark [seconds]} (default 30).
 */
public final class VideoBenchmark {
    private static final int CPU_SECONDS = 20;

    private VideoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        var config = ServerConfig.defaults(Files.createTempDirectory("skyscope-video-bench")).withPort(0);
        try (SkyScopeServer server = SkyScopeServer.start(config)) {
            var api = new SkyScopeApi(URI.create("http://127.0.0.1:" + server.port() + "/"));
            latency(api, seconds);
            for (int n : new int[] {1, 3, 5}) {
                perLink(api, n);
            }
            mesh(api, 5);
        }
        System.exit(0);
    }

    private static void latency(SkyScopeApi api, int seconds) throws Exception {
        List<Caller> two = ring(api, "lat", 2, 15);
        Caller ana = two.get(0);
        Caller ben = two.get(1);
        try {
            var stamps = new StampLog();
            ben.engine().addVideoSink(ana.userId(), VideoKind.CAMERA, stamps);
            ana.engine().useCamera(VideoDevice.testPattern());
            ana.engine().setCamera(true);
            Measure.waitUntil(() -> stamps.count() > 0);
            Thread.sleep(3000);
            stamps.reset();
            Thread.sleep(seconds * 1000L);
            long[] ages = stamps.ages();
            System.out.printf(Locale.ROOT, "capture -> decoded frame at the peer, %d s: %d frames (%.1f fps, %d unreadable),"
                            + " %s; p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    seconds, ages.length, ages.length / (double) seconds, stamps.unreadable(), stamps.size(),
                    Measure.pct(ages, 50, 1), Measure.pct(ages, 95, 1), Measure.pct(ages, 99, 1), Measure.pct(ages, 100, 1));

            int runs = 10;
            long[] first = new long[runs];
            for (int r = 0; r < runs; r++) {
                ana.engine().setCamera(false);
                Measure.waitUntil(() -> !ben.engine().snapshot().link(ana.userId()).video().camera());
                Thread.sleep(1000);
                long before = stamps.count();
                long on = System.nanoTime();
                ana.engine().setCamera(true);
                Measure.waitUntil(() -> stamps.count() > before);
                first[r] = stamps.lastNanos() - on;
            }
            System.out.printf(Locale.ROOT, "camera on -> first frame at the peer, %d runs: p50 %.0f ms, p95 %.0f ms,"
                    + " max %.0f ms%n", runs, Measure.pct(first, 50, 1e6), Measure.pct(first, 95, 1e6),
                    Measure.pct(first, 100, 1e6));
        } finally {
            two.forEach(Caller::close);
        }
    }

    /** One sender at the centre of {@code n} receivers; the sender's camera off, then on. */
    private static void perLink(SkyScopeApi api, int n) throws Exception {
        List<Caller> people = ring(api, "link" + n, n, 40);
        Caller sender = people.getFirst();
        try {
            List<StampLog> logs = new ArrayList<>();
            for (Caller receiver : people.subList(1, people.size())) {
                var log = new StampLog();
                receiver.engine().addVideoSink(sender.userId(), VideoKind.CAMERA, log);
                logs.add(log);
            }
            Thread.sleep(2000);
            double off = Measure.cpuPercent(CPU_SECONDS);
            sender.engine().useCamera(VideoDevice.testPattern());
            sender.engine().setCamera(true);
            Measure.waitUntil(() -> logs.stream().allMatch(l -> l.count() > 0));
            Thread.sleep(3000);
            logs.forEach(StampLog::reset);
            double on = Measure.cpuPercent(CPU_SECONDS);
            double fps = logs.stream().mapToLong(StampLog::count).average().orElse(0) / CPU_SECONDS;
            System.out.printf(Locale.ROOT, "camera to %d: frames arrive as %s at %.1f fps; CPU camera off %.1f %%,"
                            + " on %.1f %% -> %.1f %% of a core per link (both ends), %.1f %% per link end%n",
                    n, logs.getFirst().size(), fps, off, on, (on - off) / n, (on - off) / n / 2);
        } finally {
            people.forEach(Caller::close);
        }
    }

    /**
     * {@code n} people, one at the centre and the others on a ring 40 px about them: everyone is
     * within 80 px of everyone, so with {@code n} = 5 everyone has four links and the server lets
     * every camera through (videoPeers 4). Every camera on: each sends to and receives from the others.
     */
    private static void mesh(SkyScopeApi api, int n) throws Exception {
        List<Caller> all = ring(api, "mesh" + n, n - 1, 40);
        try {
            Thread.sleep(2000);
            double off = Measure.cpuPercent(CPU_SECONDS);
            List<StampLog> logs = new ArrayList<>();
            for (Caller c : all) {
                for (Caller other : all) {
                    if (other != c) {
                        var log = new StampLog();
                        c.engine().addVideoSink(other.userId(), VideoKind.CAMERA, log);
                        logs.add(log);
                    }
                }
                c.engine().useCamera(VideoDevice.testPattern());
                c.engine().setCamera(true);
            }
            Measure.waitUntil(() -> logs.stream().allMatch(l -> l.count() > 0));
            Thread.sleep(3000);
            logs.forEach(StampLog::reset);
            double on = Measure.cpuPercent(CPU_SECONDS);
            double fps = logs.stream().mapToLong(StampLog::count).average().orElse(0) / CPU_SECONDS;
            System.out.printf(Locale.ROOT, "%d people in a ring, every camera on (%d video links each way per person):"
                            + " frames as %s at %.1f fps; CPU cameras off %.1f %%, on %.1f %% -> %.1f %% of a core per"
                            + " client for video (%.1f %% in all)%n",
                    all.size(), all.size() - 1, logs.getFirst().size(), fps, off, on, (on - off) / all.size(),
                    on / all.size());
        } finally {
            all.forEach(Caller::close);
        }
    }

    /**
     * A centre person and {@code around} people on a circle of {@code radius} px about them, in open
     * space, with every voice link up (everyone is within the join radius of everyone).
     */
    private static List<Caller> ring(SkyScopeApi api, String name, int around, double radius) throws Exception {
        List<Caller> people = new ArrayList<>();
        people.add(Caller.join(api, name + "c"));
        double[] centre = Measure.openFloor(people.getFirst(), radius + 40, radius + 40);
        people.getFirst().moveTo(centre);
        for (int i = 0; i < around; i++) {
            Caller c = Caller.join(api, name + i);
            people.add(c);
            double angle = 2 * Math.PI * i / around + Math.PI / 2;
            c.moveTo(centre);
            c.moveTo(new double[] {centre[0] + radius * Math.cos(angle), centre[1] + radius * Math.sin(angle)});
        }
        int n = people.size();
        Measure.waitUntil(() -> people.stream().allMatch(c -> c.links().size() == n - 1
                && c.links().stream().allMatch(l -> l.state() == LinkState.State.CONNECTED)));
        return people;
    }

    /** Every decoded frame's age (now − its stamp's capture time), from WebRTC's decoding thread. */
    private static final class StampLog implements VideoFrameSink {
        private final List<Long> ages = new ArrayList<>();
        private final AtomicLong lastNanos = new AtomicLong();
        private long unreadable;
        private long count;
        private String size = "?";

        @Override
        public synchronized void onFrame(VideoFrame frame) {
            TestPattern.Stamp stamp = TestPattern.decode(frame);
            count++;
            lastNanos.set(System.nanoTime());
            size = frame.buffer.getWidth() + "x" + frame.buffer.getHeight();
            if (stamp == null) {
                unreadable++;
            } else {
                ages.add(System.currentTimeMillis() - stamp.wallMillis());
            }
        }

        synchronized void reset() {
            ages.clear();
            unreadable = 0;
            count = 0;
        }

        synchronized long count() {
            return count;
        }

        synchronized long unreadable() {
            return unreadable;
        }

        synchronized String size() {
            return size;
        }

        long lastNanos() {
            return lastNanos.get();
        }

        synchronized long[] ages() {
            return ages.stream().mapToLong(Long::longValue).toArray();
        }
    }
}
