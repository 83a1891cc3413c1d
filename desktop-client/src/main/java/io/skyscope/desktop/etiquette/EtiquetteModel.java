package io.skyscope.desktop.etiquette;

import io.skyscope.client.Session;
import io.skyscope.desktop.map.Area;
import io.skyscope.desktop.map.AreaKindLabel;
import io.skyscope.desktop.map.OfficeMap;
import io.skyscope.desktop.notes.NotesModel;
import io.skyscope.protocol.EtiquetteEvent;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import java.util.Comparator;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The screen model of office etiquette: the meeting room I stand in and whether it is locked (to
 * lock or unlock it), the locked room I was stopped at (to knock), the knocks waiting for my
 * answer, the last wave at me (to walk to the waver), reactions above my avatar, and the room's
 * shared notes while open.
 *
 * <p>Threads: properties and commands on the FX thread. Etiquette events and corrections arrive
 * on the session's receive thread and are handed to the FX thread through {@code fx}.
 */
public final class EtiquetteModel implements AutoCloseable {
    /** A knock that waits for my answer: on the room I am in ({@code room} set), or at me (null). */
    public record KnockNotice(String knockerId, String knockerName, String room) {
    }

    /** Where to stand beside someone: left, right, below, above, a little more than an avatar apart. */
    private static final double[][] BESIDE = {{-36, 0}, {36, 0}, {0, 36}, {0, -36}};

    private final Session link;
    private final OfficeMap map;
    private final LockAwareTerrain terrain;
    private final Runnable ring;
    private final Executor fx;
    private final Supplier<double[]> position;
    private final BiPredicate<Double, Double> walkTo;
    private final ReadOnlyStringWrapper room = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper roomLocked = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper knockRoom = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<EtiquetteEvent.Wave> wave = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<NotesModel> notes = new ReadOnlyObjectWrapper<>();
    private final ObservableList<KnockNotice> knocks = FXCollections.observableArrayList();
    private final ObservableList<KnockNotice> knocksView = FXCollections.unmodifiableObservableList(knocks);
    private final Consumer<ServerMessage> events;
    private final Consumer<ServerMessage> corrections;
    private boolean closed;

    /**
     * @param position where my avatar is shown (null before the server placed me)
     * @param walkTo   walks my avatar to a map point along the path finder; false if there is no way
     */
    public EtiquetteModel(Session link, OfficeMap map, LockAwareTerrain terrain, Runnable ring, Executor fx,
                          Supplier<double[]> position, BiPredicate<Double, Double> walkTo) {
        this.link = link;
        this.map = map;
        this.terrain = terrain;
        this.ring = ring;
        this.fx = fx;
        this.position = position;
        this.walkTo = walkTo;
        this.events = link.etiquette().onEvent(e -> fx.execute(() -> event(e)));
        this.corrections = m -> {
            if (m instanceof ServerMessage.Correction c && "room_locked".equals(c.reason())) {
                fx.execute(() -> corrected(c));
            }
        };
        link.onMessage(corrections);
    }

    /** The meeting room I stand in, or empty. */
    public ReadOnlyStringProperty roomProperty() {
        return room.getReadOnlyProperty();
    }

    /** Whether the meeting room I stand in is locked. */
    public ReadOnlyBooleanProperty roomLockedProperty() {
        return roomLocked.getReadOnlyProperty();
    }

    /** The locked room I was stopped at and may knock on, or empty. */
    public ReadOnlyStringProperty knockRoomProperty() {
        return knockRoom.getReadOnlyProperty();
    }

    /** The latest thing to tell the user (a lock, a refused entry, an answer); empty for none. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The last wave at me not yet answered or dismissed, or null. */
    public ReadOnlyObjectProperty<EtiquetteEvent.Wave> waveProperty() {
        return wave.getReadOnlyProperty();
    }

    /** The notes of my meeting room while open, or null. */
    public ReadOnlyObjectProperty<NotesModel> notesProperty() {
        return notes.getReadOnlyProperty();
    }

    /** The knocks waiting for my answer, oldest first. */
    public ObservableList<KnockNotice> knocks() {
        return knocksView;
    }

    // ---- commands ----

    /** Locks the meeting room I stand in, or unlocks it if it is locked. */
    public void toggleLock() {
        String here = room.get();
        if (here.isEmpty()) {
            return;
        }
        boolean locked = link.snapshot().isLocked(here);
        sent(locked ? link.etiquette().unlock(here) : link.etiquette().lock(here),
                locked ? "Unlocking " + here + "…" : "Locking " + here + "…");
    }

    /** Knocks on the locked room I was stopped at. */
    public void knock() {
        String at = knockRoom.get();
        if (!at.isEmpty()) {
            sent(link.etiquette().knockOnRoom(at), "You knocked on " + at + ". Someone inside can let you in.");
        }
    }

    /** Knocks at someone in do-not-disturb beside me. */
    public void knockAt(String userId) {
        sent(link.etiquette().knockAt(userId), "You knocked at " + name(userId) + ".");
    }

    public void answer(KnockNotice knock, boolean admit) {
        knocks.remove(knock);
        sent(link.etiquette().answer(knock.knockerId(), admit), admit
                ? (knock.room() == null ? "You answered " : "You let in ") + knock.knockerName() + "."
                : "You declined " + knock.knockerName() + "'s knock.");
    }

    public void wave(String userId) {
        sent(link.etiquette().wave(userId), "You waved at " + name(userId) + ".");
    }

    /** Shows a reaction ({@link io.skyscope.protocol.Reactions} short code) above my avatar. */
    public void react(String emoji) {
        sent(link.etiquette().react(emoji), null);
    }

    /**
     * "Walk to them": walks to the waver, around walls and locked rooms, where they are now, and
     * stops beside them (not on top of them, where our name tags would hide each other).
     */
    public boolean walkToWaver() {
        EtiquetteEvent.Wave w = wave.get();
        if (w == null) {
            return false;
        }
        wave.set(null);
        Person now = link.snapshot().person(w.fromUserId());
        double x = now != null ? now.x() : w.x();
        double y = now != null ? now.y() : w.y();
        for (double[] side : BESIDE) {
            if (terrain.walkable(x + side[0], y + side[1]) && terrain.segmentClear(x, y, x + side[0], y + side[1])) {
                return walkTo.test(x + side[0], y + side[1]);
            }
        }
        return walkTo.test(x, y);
    }

    public void dismissWave() {
        wave.set(null);
    }

    /** I tried to walk into {@code lockedRoom}: say so and offer a knock. */
    public void refusedEntry(String lockedRoom) {
        knockRoom.set(lockedRoom);
        notice.set(lockedRoom + " is locked — knock to ask the people inside to let you in.");
    }

    /** The locked room at a map point that is closed to me, or null. */
    public String closedRoomAt(double x, double y) {
        return terrain.closedRoomAt(x, y).orElse(null);
    }

    /** Opens the shared notes of the meeting room I stand in. */
    public void openNotes() {
        String here = room.get();
        if (here.isEmpty() || closed) {
            return;
        }
        NotesModel open = notes.get();
        if (open != null && open.room().equals(here) && !open.closedProperty().get()) {
            return;
        }
        closeNotes();
        notes.set(NotesModel.open(link, here, fx));
    }

    public void closeNotes() {
        NotesModel open = notes.get();
        if (open != null) {
            notes.set(null);
            open.close();
        }
    }

    public void clearNotice() {
        notice.set("");
    }

    /** Brings where I stand up to date; the office calls it a few times a second. */
    public void refresh() {
        double[] me = position.get();
        String here = me == null ? "" : map.areaAt(me[0], me[1])
                .filter(a -> a.kind() == AreaKindLabel.MEETING_ROOM).map(Area::name).orElse("");
        if (!here.equals(room.get())) {
            room.set(here);
        }
        roomLocked.set(!here.isEmpty() && link.snapshot().isLocked(here));
        String stopped = knockRoom.get();
        if (!stopped.isEmpty() && (stopped.equals(here) || !link.snapshot().isLocked(stopped))) {
            knockRoom.set("");
        }
    }

    @Override
    public void close() {
        closed = true;
        closeNotes();
        link.removeListener(events);
        link.removeListener(corrections);
    }

    // ---- events ----

    private void sent(String ref, String what) {
        if (ref == null) {
            notice.set("You are offline; try again once the connection is back.");
        } else if (what != null) {
            notice.set(what);
        }
    }

    private void corrected(ServerMessage.Correction c) {
        map.areas().stream()
                .filter(a -> a.kind() == AreaKindLabel.MEETING_ROOM && link.snapshot().isLocked(a.name()))
                .min(Comparator.comparingDouble(a -> distance(a, c.x(), c.y())))
                .ifPresent(a -> refusedEntry(a.name()));
    }

    private static double distance(Area a, double x, double y) {
        double dx = Math.max(0, Math.max(a.x() - x, x - (a.x() + a.width())));
        double dy = Math.max(0, Math.max(a.y() - y, y - (a.y() + a.height())));
        return Math.hypot(dx, dy);
    }

    private void event(EtiquetteEvent e) {
        if (closed) {
            return;
        }
        String me = link.userId();
        switch (e) {
            case EtiquetteEvent.RoomLock l -> {
                if (l.room().equals(room.get()) && l.byUserId() != null && !l.byUserId().equals(me)) {
                    notice.set(name(l.byUserId()) + (l.locked() ? " locked " : " unlocked ") + l.room() + ".");
                }
                if (!l.locked()) {
                    knocks.removeIf(k -> l.room().equals(k.room()));
                    if (l.room().equals(knockRoom.get())) {
                        knockRoom.set("");
                        notice.set(l.room() + " is open again.");
                    }
                }
                refresh();
            }
            case EtiquetteEvent.Knock k -> {
                knocks.removeIf(old -> old.knockerId().equals(k.knockerId()));
                knocks.add(new KnockNotice(k.knockerId(), k.knockerName(), k.room()));
                ringUnlessDoNotDisturb();
            }
            case EtiquetteEvent.KnockAnswered a when a.knockerId().equals(me) -> {
                if (a.admitted()) {
                    terrain.passChanged();
                    knockRoom.set("");
                    notice.set(a.byName() + (a.room() == null ? " answered your knock." : " let you in — walk in now."));
                } else {
                    notice.set(a.byName() + " declined your knock.");
                }
            }
            case EtiquetteEvent.KnockAnswered a -> knocks.removeIf(k -> k.knockerId().equals(a.knockerId()));
            case EtiquetteEvent.Wave w -> {
                wave.set(w);
                ringUnlessDoNotDisturb();
            }
            case EtiquetteEvent.Reaction r -> {
                // drawn from the world snapshot by the render loop
            }
        }
    }

    /** In do-not-disturb I get no sounds; the card still shows. */
    private void ringUnlessDoNotDisturb() {
        Person me = link.snapshot().self();
        if (me == null || me.status() != Status.DND) {
            ring.run();
        }
    }

    private String name(String userId) {
        Person p = link.snapshot().person(userId);
        return p == null ? "Someone" : p.displayName();
    }
}
