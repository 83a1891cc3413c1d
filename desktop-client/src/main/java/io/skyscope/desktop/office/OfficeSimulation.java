package io.skyscope.desktop.office;

import io.skyscope.client.GridTerrain;
import io.skyscope.client.Placement;
import io.skyscope.client.Walker;
import io.skyscope.client.World;
import io.skyscope.client.WorldSource;
import io.skyscope.desktop.map.OfficeMap;
import io.skyscope.desktop.render.AvatarView;
import io.skyscope.desktop.render.Camera;
import io.skyscope.desktop.render.DeskPlate;
import io.skyscope.desktop.render.Facing;
import io.skyscope.desktop.render.OfficeLife;
import io.skyscope.desktop.map.Area;
import io.skyscope.desktop.map.AreaKindLabel;
import io.skyscope.protocol.Reactions;
import java.util.HashMap;
import java.util.Map;
import io.skyscope.desktop.render.RenderFrame;
import io.skyscope.desktop.voice.CanvasVoiceSnapshot;
import io.skyscope.map.PathFinder;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Advances everything that moves on the office canvas by a time step and produces the immutable
 * {@link RenderFrame} to draw: my walker (client-core's {@link Walker} on the map's {@link GridTerrain},
 * reporting to the session), everyone else's smoothed motion, the camera (following
 * me, or looking at someone for a moment), who I am following, and office life (locked rooms,
 * reactions above avatars, desk name plates).
 *
 * <p>Threads: FX thread only; reads the world and voice snapshots, which are immutable.
 */
public final class OfficeSimulation {
    private static final double LOCATE_SECONDS = 4;
    private static final double FOLLOW_REPATH_SECONDS = 0.5;
    private static final double FOLLOW_DISTANCE = 56;

    private final OfficeMap map;
    private final WorldSource link;
    private final Supplier<CanvasVoiceSnapshot> voice;
    private final Walker walker;
    private final AvatarMotion motion = new AvatarMotion();
    private Facing facing = Facing.DOWN;
    private double camX;
    private double camY;
    private boolean camPlaced;
    private double zoom = 1;
    private String locating;
    private double locateLeft;
    private String following;
    private double followClock;
    private double walkPhase = -1;
    private boolean dark;
    private Supplier<List<DeskPlate>> plates = List::of;
    private double viewWidth;
    private double viewHeight;

    public OfficeSimulation(OfficeMap map, WorldSource link, Supplier<CanvasVoiceSnapshot> voice) {
        this(map, link, voice, new GridTerrain(map.collision()));
    }

    /** Walks on {@code terrain} (the map's walls, and the meeting rooms locked to me). */
    public OfficeSimulation(OfficeMap map, WorldSource link, Supplier<CanvasVoiceSnapshot> voice, Walker.Terrain terrain) {
        this.map = map;
        this.link = link;
        this.voice = voice;
        this.walker = new Walker(terrain, link::move);
        this.camX = map.widthPixels() / 2;
        this.camY = map.heightPixels() / 2;
    }

    public Walker walker() {
        return walker;
    }

    public OfficeMap map() {
        return map;
    }

    public void zoom(double z) {
        zoom = Camera.clampZoom(z);
    }

    public double zoom() {
        return zoom;
    }

    /** The size of the view in screen pixels, so the camera never shows much beyond the map. */
    public void viewport(double width, double height) {
        viewWidth = width;
        viewHeight = height;
    }

    public void dark(boolean value) {
        dark = value;
    }

    /** Where the name plates of held desks come from (read each frame; must be quick). */
    public void plates(Supplier<List<DeskPlate>> source) {
        plates = source;
    }

    /** Points the camera at someone for a few seconds and rings them. */
    public void locate(String userId) {
        locating = userId;
        locateLeft = LOCATE_SECONDS;
    }

    /** Keeps walking to someone until {@link #stopFollowing()} or a key is pressed. */
    public void follow(String userId) {
        following = userId;
        followClock = FOLLOW_REPATH_SECONDS;
    }

    public void stopFollowing() {
        following = null;
        walker.stop();
    }

    public String following() {
        return following;
    }

    /** Where my avatar is shown, or null before the server placed me. */
    public double[] myPosition() {
        return walker.placed() ? new double[] {walker.x(), walker.y()} : null;
    }

    public Camera camera() {
        return new Camera(camX, camY, zoom);
    }

    /** Advances by {@code dt} seconds and returns the frame to draw. */
    public RenderFrame advance(double dt) {
        World world = link.snapshot();
        Placement p = link.placement();
        if (p.generation() > 0) {
            walker.place(p.generation(), p.x(), p.y());
        }
        ServerMessage.WorldRules rules = world.rules();
        if (rules != null) {
            walker.maxSpeed(rules.maxSpeed());
        }
        followStep(world, dt);
        double fromX = walker.x();
        double fromY = walker.y();
        walker.step(dt);
        if (walker.walking()) {
            facing = Facing.of(walker.x() - fromX, walker.y() - fromY, facing);
        }
        walkPhase = walker.walking() ? ((walkPhase < 0 ? 0 : walkPhase) + dt * 4) % 1.0 : -1;
        double tick = rules == null ? 0.1 : rules.tickMillis() / 1000.0;
        motion.update(world.people(), world.me(), dt, tick);
        cameraStep(world, dt);
        return frame(world);
    }

    private void followStep(World world, double dt) {
        if (following == null) {
            return;
        }
        Person target = world.person(following);
        if (target == null) {
            following = null;
            return;
        }
        followClock += dt;
        if (followClock >= FOLLOW_REPATH_SECONDS && walker.placed()) {
            followClock = 0;
            if (Math.hypot(target.x() - walker.x(), target.y() - walker.y()) > FOLLOW_DISTANCE) {
                walker.walkTo(target.x(), target.y());
            } else {
                walker.stop();
            }
        }
    }

    private void cameraStep(World world, double dt) {
        double tx;
        double ty;
        AvatarMotion.Track located = locating == null ? null : motion.track(locating);
        if (located != null && locateLeft > 0) {
            locateLeft -= dt;
            tx = located.x();
            ty = located.y();
        } else if (walker.placed()) {
            locating = locateLeft > 0 ? locating : null;
            tx = walker.x();
            ty = walker.y();
        } else {
            return;
        }
        if (!camPlaced) {
            camX = clamp(tx, viewWidth, map.widthPixels());
            camY = clamp(ty, viewHeight, map.heightPixels());
            camPlaced = true;
            return;
        }
        double k = 1 - Math.exp(-dt * 6);
        camX = clamp(camX + (tx - camX) * k, viewWidth, map.widthPixels());
        camY = clamp(camY + (ty - camY) * k, viewHeight, map.heightPixels());
    }

    /** Keeps the map edge at the view edge; a map smaller than the view is centred. */
    private double clamp(double centre, double viewSize, double mapSize) {
        if (viewSize <= 0) {
            return centre;
        }
        double half = viewSize / 2 / zoom;
        if (mapSize <= 2 * half) {
            return mapSize / 2;
        }
        return Math.max(half, Math.min(mapSize - half, centre));
    }

    private RenderFrame frame(World world) {
        CanvasVoiceSnapshot v = voice.get();
        List<AvatarView> avatars = new ArrayList<>(world.people().size());
        for (Person person : world.people().values()) {
            boolean me = person.userId().equals(world.me());
            double x;
            double y;
            double phase;
            Facing look = Facing.DOWN;
            if (me) {
                if (!walker.placed()) {
                    continue;
                }
                x = walker.x();
                y = walker.y();
                look = facing;
                phase = walkPhase;
            } else {
                AvatarMotion.Track t = motion.track(person.userId());
                if (t == null) {
                    continue;
                }
                x = t.x();
                y = t.y();
                look = t.facing();
                phase = t.phase();
            }
            boolean ringed = person.userId().equals(following)
                    || (person.userId().equals(locating) && locateLeft > 0);
            avatars.add(new AvatarView(person.userId(), person.displayName(), person.avatar(), x, y, look, phase,
                    person.status(), me, v.speaking().contains(person.userId()), v.muted().contains(person.userId()),
                    ringed, v.camera().contains(person.userId()), v.sharing().contains(person.userId())));
        }
        List<PathFinder.Point> path = walker.path().stream().map(p -> new PathFinder.Point(p.x(), p.y())).toList();
        return new RenderFrame(camera(), avatars, v.hearingRadius(), path, dark, v.bubbles(), life(world));
    }

    /** The locked meeting rooms and the reactions shown now. */
    private OfficeLife life(World world) {
        List<DeskPlate> held = plates.get();
        if (world.lockedRooms().isEmpty() && world.reactions().isEmpty() && held.isEmpty()) {
            return OfficeLife.NONE;
        }
        List<Area> locked = map.areas().stream()
                .filter(a -> a.kind() == AreaKindLabel.MEETING_ROOM && world.isLocked(a.name())).toList();
        long now = System.currentTimeMillis();
        Map<String, String> shown = new HashMap<>();
        world.reactions().forEach((userId, r) -> {
            String glyph = Reactions.glyph(r.emoji());
            if (glyph != null && r.showing(now)) {
                shown.put(userId, glyph);
            }
        });
        return new OfficeLife(locked, shown, held);
    }
}
