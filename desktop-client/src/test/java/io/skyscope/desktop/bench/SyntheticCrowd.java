package io.skyscope.desktop.bench;

import io.skyscope.client.Placement;
import io.skyscope.client.World;
import io.skyscope.client.WorldSource;
import io.skyscope.desktop.map.OfficeMap;
import io.skyscope.map.CollisionGrid;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark input: {@code n} people wandering the map's walkable tiles at walking speed, their
 * positions published every 100 ms of simulated time, as the server's ticks would. Seeded, so
 * every run sees the same crowd. Not used by the app.
 */
final class SyntheticCrowd implements WorldSource {
    private static final Status[] STATUSES = {Status.AVAILABLE, Status.AVAILABLE, Status.AVAILABLE, Status.BUSY,
        Status.AWAY, Status.DND};

    private final CollisionGrid grid;
    private final Random random = new Random(42);
    private final double[] x;
    private final double[] y;
    private final double[] vx;
    private final double[] vy;
    private final Person[] people;
    private final ServerMessage.WorldRules rules = new ServerMessage.WorldRules(100, 1200, 320, 300);
    private final ServerMessage.SpaceInfo space = new ServerMessage.SpaceInfo("bench", "Bench", "default-office", 1);
    private final double meX;
    private final double meY;
    private World world;
    private double sincePublish;

    SyntheticCrowd(OfficeMap map, int n, double meX, double meY) {
        this.grid = map.collision();
        this.meX = meX;
        this.meY = meY;
        x = new double[n];
        y = new double[n];
        vx = new double[n];
        vy = new double[n];
        people = new Person[n];
        for (int i = 0; i < n; i++) {
            do {
                x[i] = random.nextDouble() * map.widthPixels();
                y[i] = random.nextDouble() * map.heightPixels();
            } while (!grid.walkable(x[i], y[i]));
            turn(i);
            people[i] = new Person("u" + i, "Person " + (i + 1), "a" + (i % 37), x[i], y[i],
                    STATUSES[i % STATUSES.length], null, i + 1);
        }
        publish();
    }

    /** Advances the crowd; publishes a new world every 100 ms of simulated time. */
    void tick(double dt) {
        for (int i = 0; i < x.length; i++) {
            double nx = x[i] + vx[i] * dt;
            double ny = y[i] + vy[i] * dt;
            if (grid.walkable(nx, ny) && random.nextDouble() > 0.002) {
                x[i] = nx;
                y[i] = ny;
            } else {
                turn(i);
            }
        }
        sincePublish += dt;
        if (sincePublish >= 0.1) {
            sincePublish = 0;
            publish();
        }
    }

    private void turn(int i) {
        double angle = random.nextDouble() * Math.PI * 2;
        double speed = 60 + random.nextDouble() * 200;
        vx[i] = Math.cos(angle) * speed;
        vy[i] = Math.sin(angle) * speed;
    }

    private void publish() {
        Map<String, Person> map = new HashMap<>(x.length * 2);
        for (int i = 0; i < x.length; i++) {
            people[i] = people[i].at(x[i], y[i]);
            map.put(people[i].userId(), people[i]);
        }
        map.put("me", new Person("me", "Me", "me", meX, meY, Status.AVAILABLE, null, 0));
        world = new World("me", space, rules, map);
    }

    @Override
    public World snapshot() {
        return world;
    }

    @Override
    public Placement placement() {
        return new Placement(1, meX, meY);
    }

    @Override
    public long move(double px, double py) {
        return 0;
    }
}
