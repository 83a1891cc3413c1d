package io.skyscope.bench;

import io.skyscope.map.AreaKind;
import io.skyscope.map.MapArea;
import io.skyscope.server.world.proximity.ProximityEngine;
import io.skyscope.server.world.proximity.VoiceMember;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * The proximity engine of one space: one 100 ms tick in which {@code movingPercent} of the users
 * (10 % unless said otherwise) move and the engine works out who hears whom (hysteresis, K nearest,
 * debounce) and the voice events. Default voice settings: join at 128 px, leave at 160 px, 8 peers,
 * 300 ms debounce.
 *
 * <p>{@code movement} says how they move. {@code shuffle}: in each tick a different share of the
 * users takes a random step (up to 16 px each way), so that everyone shuffles about once in ten
 * ticks at 10 %, the hardest case for the engine's caches and for the K-nearest ranking. {@code
 * walk}: that share of the users is walking, as people in an office walk over to a colleague: each
 * walker goes in a straight line at the clients' walking speed (0.9 of the 320 px/s limit, 28.8 px
 * a tick) to a point up to 1,000 px away each way, and stops there, and someone else who was
 * standing sets off; everyone else stands still.
 *
 * <p>{@code neighbours} sets the density: the average number of other people within the join
 * radius of someone, with people placed uniformly on a square floor sized for it. 2 is a
 * spread-out office, 8 a busy open-plan floor, 40 a crowded hall (the 8-peer cap binds for almost
 * everyone). Meeting rooms of 12 ({@code rooms}: four in the corners unless said otherwise, any
 * more on a grid) and a silent zone sit on the floor; 5% of the users are do not disturb; everyone's
 * camera is on. Moves go
 * to the engine as a space sends them: by the handle {@code put} returned when the person joined.
 * {@link #main} prints CPU time, events and links per tick beside JMH's wall time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProximityBenchmark {

    @Param({"1000", "10000"})
    public int users;

    @Param({"2", "8", "40"})
    public int neighbours;

    /** The share of users who take a step in each tick, in percent. */
    @Param({"10"})
    public int movingPercent = 10;

    /**
     * Meeting rooms on the floor: four in the corners, and any more on a square grid over the
     * floor (a large office has a room for every few dozen people: 250 for 10,000).
     */
    @Param({"4"})
    public int rooms = 4;

    /** {@code shuffle} or {@code walk} (see the class comment). */
    @Param({"shuffle", "walk"})
    public String movement = "shuffle";

    /**
     * The space's {@code walkingSpeed} voice setting, px/s: faster than this, someone walking past
     * starts no new call (0: off). The default setting unless said otherwise.
     */
    @Param({"160"})
    public double walkingSpeed = VoiceSettings.defaults().walkingSpeed();

    /** The clients' walking speed, 0.9 of the server's 320 px/s limit, over one 100 ms tick. */
    private static final double WALK_STEP = 28.8;
    /** How far a walk goes at most, each way (about 30 tiles). */
    private static final double WALK_REACH = 1000;

    private ProximityEngine engine;
    private SteppingClock clock;
    /** Not {@code java.util.Random}: its atomic seed update cost a few per cent of a spread-out tick. */
    private SplittableRandom random;
    private double side;
    private double[] xs;
    private double[] ys;
    private String[] ids;
    private VoiceMember[] members;
    private int next;
    /** Walking: who walks now, where each person is going, and whether they are walking. */
    private int[] walkers;
    private double[] destinationX;
    private double[] destinationY;
    private boolean[] walking;

    @Setup(Level.Trial)
    public void setUp() {
        VoiceSettings settings = VoiceSettings.defaults().withWalkingSpeed(walkingSpeed);
        double hearingArea = Math.PI * settings.joinRadius() * settings.joinRadius();
        side = Math.sqrt(users * hearingArea / neighbours);
        random = new SplittableRandom(42);
        clock = new SteppingClock();
        double room = 300;
        List<MapArea> areas = new ArrayList<>(List.of(
                new MapArea("Room 1", AreaKind.MEETING_ROOM, 0, 0, room, room, Map.of()),
                new MapArea("Room 2", AreaKind.MEETING_ROOM, side - room, 0, room, room, Map.of()),
                new MapArea("Room 3", AreaKind.MEETING_ROOM, 0, side - room, room, room, Map.of()),
                new MapArea("Room 4", AreaKind.MEETING_ROOM, side - room, side - room, room, room, Map.of()),
                new MapArea("Library", AreaKind.SILENT_ZONE, side / 2 - room / 2, side / 2 - room / 2, room, room,
                        Map.of())));
        // The others in the middle of the cells of a k x k grid, clear of the corners and the
        // library, at most a quarter of the floor (a crowded hall is small).
        int k = (int) Math.ceil(Math.sqrt(rooms - 4));
        double cell = side / Math.max(1, k);
        double gridRoom = Math.min(room, cell / 2);
        for (int i = 0; i < rooms - 4; i++) {
            areas.add(new MapArea("Room " + (i + 5), AreaKind.MEETING_ROOM, (i % k + 0.5) * cell - gridRoom / 2,
                    (i / k + 0.5) * cell - gridRoom / 2, gridRoom, gridRoom, Map.of()));
        }
        engine = new ProximityEngine(settings, areas, clock);
        xs = new double[users];
        ys = new double[users];
        ids = new String[users];
        members = new VoiceMember[users];
        for (int i = 0; i < users; i++) {
            ids[i] = "user-" + i;
            do {
                xs[i] = random.nextDouble() * side;
                ys[i] = random.nextDouble() * side;
            } while (engine.roomFull(ids[i], xs[i], ys[i]).isPresent());
            members[i] = engine.put(ids[i], xs[i], ys[i]);
            if (i % 20 == 0) {
                engine.doNotDisturb(ids[i], true);
            }
            // Everyone's camera on: every two-way link competes for a place, the video step's worst case.
            engine.camera(ids[i], true);
        }
        if (movement.equals("walk")) {
            walkers = new int[users * movingPercent / 100];
            destinationX = new double[users];
            destinationY = new double[users];
            walking = new boolean[users];
            for (int w = 0; w < walkers.length; w++) {
                walkers[w] = setOff();
            }
        } else if (!movement.equals("shuffle")) {
            throw new IllegalArgumentException("movement is shuffle or walk, got " + movement);
        }
        for (int t = 0; t < 10; t++) {
            clock.advance(Duration.ofMillis(100));
            engine.tick();
        }
    }

    @Benchmark
    public int tick() {
        clock.advance(Duration.ofMillis(100));
        if (walkers != null) {
            walk();
        } else {
            shuffle();
        }
        return engine.tick().size();
    }

    private void shuffle() {
        int movers = users * movingPercent / 100;
        for (int k = 0; k < movers; k++) {
            int i = next;
            next = (next + 7919) % users;
            moveTo(i, clamp(xs[i] + (random.nextDouble() - 0.5) * 32), clamp(ys[i] + (random.nextDouble() - 0.5) * 32));
        }
    }

    /** Each walker takes one step; one who arrives (or finds a full room in the way) stops, and another sets off. */
    private void walk() {
        for (int w = 0; w < walkers.length; w++) {
            int i = walkers[w];
            double dx = destinationX[i] - xs[i];
            double dy = destinationY[i] - ys[i];
            double left = Math.sqrt(dx * dx + dy * dy);
            boolean arrives = left <= WALK_STEP;
            double x = arrives ? destinationX[i] : xs[i] + dx / left * WALK_STEP;
            double y = arrives ? destinationY[i] : ys[i] + dy / left * WALK_STEP;
            if (!moveTo(i, x, y) || arrives) {
                walking[i] = false;
                walkers[w] = setOff();
            }
        }
    }

    /** Someone standing, chosen at random, sets off towards a point within reach; returns them. */
    private int setOff() {
        int i;
        do {
            i = random.nextInt(users);
        } while (walking[i]);
        walking[i] = true;
        destinationX[i] = clamp(xs[i] + (random.nextDouble() * 2 - 1) * WALK_REACH);
        destinationY[i] = clamp(ys[i] + (random.nextDouble() * 2 - 1) * WALK_REACH);
        return i;
    }

    /** Moves person {@code i} unless that would take them into a full meeting room; whether they moved. */
    private boolean moveTo(int i, double x, double y) {
        if (engine.roomFull(members[i], x, y).isPresent()) {
            return false;
        }
        xs[i] = x;
        ys[i] = y;
        engine.move(members[i], x, y);
        return true;
    }

    /**
     * A tick report beside JMH, for a machine shared with other work: for each configuration,
     * 300 ticks after a warm-up, the median wall and CPU time of a tick (CPU time counts only
     * this thread), voice events per tick and links at the end.
     * {@code java -cp benchmarks/target/benchmarks.jar io.skyscope.bench.ProximityBenchmark}
     */
    public static void main(String[] args) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.println("users  neighbours  moving-%  movement  walking-px/s  rooms  wall-median-us  cpu-median-us"
                + "  events/tick  links");
        double walkingPast = VoiceSettings.defaults().walkingSpeed();
        for (double walkingSpeed : new double[] {walkingPast, 0}) {
            for (String movement : new String[] {"shuffle", "walk"}) {
                for (int users : new int[] {1000, 10000}) {
                    for (int neighbours : new int[] {2, 8, 40}) {
                        for (int moving : users == 10000 ? new int[] {2, 5, 10} : new int[] {10}) {
                            report(threads, users, neighbours, moving, movement, walkingSpeed, 4);
                        }
                    }
                }
            }
        }
        // A large office: a meeting room for every 40 people.
        for (int neighbours : new int[] {2, 8, 40}) {
            for (int moving : new int[] {2, 10}) {
                report(threads, 10000, neighbours, moving, "shuffle", walkingPast, 250);
            }
        }
    }

    private static void report(java.lang.management.ThreadMXBean threads, int users, int neighbours, int moving,
                               String movement, double walkingSpeed, int rooms) {
        var b = new ProximityBenchmark();
        b.users = users;
        b.neighbours = neighbours;
        b.movingPercent = moving;
        b.movement = movement;
        b.walkingSpeed = walkingSpeed;
        b.rooms = rooms;
        b.setUp();
        for (int i = 0; i < 300; i++) {
            b.tick();
        }
        long[] wall = new long[300];
        long[] cpu = new long[300];
        long events = 0;
        for (int i = 0; i < 300; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            events += b.tick();
            wall[i] = System.nanoTime() - t0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        java.util.Arrays.sort(wall);
        java.util.Arrays.sort(cpu);
        System.out.printf("%5d  %10d  %8d  %8s  %12.0f  %5d  %14.0f  %13.0f  %11.1f  %5d%n", users, neighbours, moving,
                movement, walkingSpeed, rooms, wall[150] / 1e3, cpu[150] / 1e3, events / 300.0, b.engine.linkCount());
    }

    private double clamp(double v) {
        return Math.max(0, Math.min(side - 1, v));
    }
}
