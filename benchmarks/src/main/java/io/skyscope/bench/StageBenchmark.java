package io.skyscope.bench;

import io.skyscope.bench.load.LoadBenchmark;
import io.skyscope.client.Session;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.Tokens;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.SpaceView;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stage heard through the media server (Janus's AudioBridge), at the size of a town hall, with
 * headless voice clients (WebRTC, Opus, the client's mixer) all in this JVM, against a SkyScope
 * server and a Janus running as their own processes (scripts/stage.sh starts both).
 *
 * <ol>
 *   <li>A new space with {@link StageHall}'s map. Two speakers are given the floor by the space's
 *       owner, step onto the stage and play steady tones of 400 and 700 Hz (whole cycles in a
 *       10 ms frame, so neither leaks into the other's measure).</li>
 *   <li>{@code listeners} clients join the space and wait in the foyer (a silent zone: no links),
 *       each with its voice engine running; then they step into the audience one after another,
 *       {@code pace} a second, each in one move. Join time: from the server's acknowledgement of
 *       that move (arrival in the audience) to the first 10 ms frame of either speaker's tone on
 *       the listener's recording speaker, through the server's {@code media.join}, the Janus
 *       session, the AudioBridge join and the connection's set-up.</li>
 *   <li>Once everyone has heard both speakers (or 30 s after the last arrival), the speakers play
 *       {@link Pulses} (400 ms of tone every second, the two half a second apart). After 3 s, a
 *       steady window of {@code seconds}: audio latency through the mix, from a burst's first
 *       frame read by the speaker's capture thread to its first frame played by a listener's
 *       recording speaker ({@link Ears}); and the CPU of Janus, of the server and of this JVM.</li>
 * </ol>
 * Prints a report and one {@code RESULT key=value ...} line ({@link StageReport}).
 * Usage: {@code StageBenchmark --server URL --janus-pid P --server-pid P [--listeners 100]
 * [--pace 2] [--seconds 30]}.
 */
public final class StageBenchmark {
    static final double[] TONES = {400, 700};
    private static final Duration HEAR = Duration.ofSeconds(30);
    private static final long PERIOD = TimeUnit.SECONDS.toNanos(1);
    private static final long BURST = TimeUnit.MILLISECONDS.toNanos(400);

    private StageBenchmark() {
    }

    /** A listener: its client, what it hears, when it arrived and was sent to the room, what it was refused. */
    record Listener(Caller caller, Ears ears, AtomicLong arrived, AtomicLong mediaJoined, ConcurrentLinkedQueue<String> errors) {
        static Listener join(SkyScopeApi api, String name, String spaceId) {
            var l = new Listener(Caller.joinCold(api, name, spaceId), new Ears(TONES), new AtomicLong(), new AtomicLong(),
                    new ConcurrentLinkedQueue<>());
            l.caller.session.onMessage(m -> {
                if (m instanceof ServerMessage.MediaJoin) {
                    l.mediaJoined.compareAndSet(0, System.nanoTime());
                } else if (m instanceof ServerMessage.Error e) {
                    l.errors.add(e.code());
                }
            });
            l.caller.audio.recorder().onFrame(l.ears);
            return l;
        }

        boolean heardBoth() {
            return ears.firstHeard(0) != 0 && ears.firstHeard(1) != 0;
        }
    }

    public static void main(String[] args) {
        try {
            run(LoadBenchmark.options(args));
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(Map<String, String> a) throws Exception {
        var api = new SkyScopeApi(URI.create(a.getOrDefault("server", "http://127.0.0.1:8080/")));
        int n = Integer.parseInt(a.getOrDefault("listeners", "100"));
        double pace = Double.parseDouble(a.getOrDefault("pace", "2"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "30"));
        long janusPid = Long.parseLong(a.getOrDefault("janus-pid", "0"));
        long serverPid = Long.parseLong(a.getOrDefault("server-pid", "0"));
        if (n < 1 || janusPid <= 0 || serverPid <= 0) {
            throw new IllegalArgumentException("--listeners (at least 1), --janus-pid and --server-pid are needed");
        }
        var report = new StageReport(n, janusPid, serverPid);
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        AuthResponse owner = api.register("st" + run + "o", "violet harbor lantern " + run, "Stage owner");
        SpaceView space = api.createSpace(owner.accessToken(), "Stage " + run, "public");
        api.uploadMap(owner.accessToken(), space.id(), StageHall.tmj().getBytes(StandardCharsets.UTF_8),
                Map.of("floor.png", BenchmarkMaps.floorPng()));
        Session host = Session.open(Tokens.of(api, owner), space.id(), Session.Options.DEFAULTS);
        System.out.printf("run %s: a stage of 2 speakers and %d listeners, %.1f arrivals a second, window %d s%n",
                run, n, pace, seconds);

        List<Caller> speakers = new ArrayList<>();
        List<Listener> listeners = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Caller s = Caller.joinCold(api, "st" + run + "s" + i, space.id());
                speakers.add(s);
                grantFloor(host, s);
                s.step(StageHall.stageSpot(i));
                s.session.await(ServerMessage.MediaJoin.class, Measure.WAIT);
                s.audio.play(SignalSource.tone(TONES[i]));
            }
            long created = System.nanoTime();
            for (int i = 0; i < n; i++) {
                listeners.add(Listener.join(api, "st" + run + "l" + i, space.id()));
            }
            report.created((System.nanoTime() - created) / 1e9);

            walkIn(listeners, pace);
            long deadline = System.nanoTime() + HEAR.toNanos();
            while (System.nanoTime() < deadline && !listeners.stream().allMatch(Listener::heardBoth)) {
                Thread.sleep(100);
            }
            report.joins(listeners);

            long epoch = System.nanoTime();
            Pulses[] pulses = {new Pulses(TONES[0], epoch, PERIOD, 0, BURST), new Pulses(TONES[1], epoch, PERIOD, PERIOD / 2, BURST)};
            for (int i = 0; i < 2; i++) {
                speakers.get(i).audio.play(pulses[i]);
            }
            Thread.sleep(3000);
            listeners.forEach(l -> l.ears().measure(pulses));
            report.steadyWindow(seconds, pulses);
            report.latency(listeners);
            report.print();
        } finally {
            closeAll(speakers, listeners, host);
        }
    }

    /** The owner gives {@code speaker} the floor. */
    private static void grantFloor(Session host, Caller speaker) {
        String ref = "floor-" + speaker.userId();
        host.send(new ClientMessage.VoiceCommand.StageSpeaker(speaker.userId(), true, ref));
        host.await(ServerMessage.Ack.class, ack -> ref.equals(ack.ref()), Measure.WAIT);
    }

    /**
     * Listener i steps from the foyer to seat i at {@code i / pace} seconds, each on a thread of its
     * own (a slow acknowledgement does not hold up the next); waits until every step is done.
     */
    private static void walkIn(List<Listener> listeners, double pace) throws InterruptedException {
        long start = System.nanoTime();
        List<Thread> steps = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            long due = start + (long) (i * 1e9 / pace);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
            Listener l = listeners.get(i);
            double[] seat = StageHall.seat(i);
            steps.add(Thread.ofVirtual().start(() -> {
                try {
                    l.arrived().set(l.caller().step(seat));
                } catch (RuntimeException e) {
                    l.errors().add("step: " + e.getMessage());
                }
            }));
        }
        for (Thread t : steps) {
            t.join();
        }
    }

    /** Closes every client, at most 60 s in all: the report is out, and a stuck close must not hold the machine. */
    private static void closeAll(List<Caller> speakers, List<Listener> listeners, Session host) throws InterruptedException {
        Thread closing = Thread.ofPlatform().daemon().start(() -> {
            listeners.forEach(l -> l.caller().close());
            speakers.forEach(Caller::close);
            host.close();
        });
        closing.join(60_000);
    }
}
