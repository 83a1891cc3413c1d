package io.skyscope.desktop.desks;

import io.skyscope.client.Desks;
import io.skyscope.client.Session;
import io.skyscope.desktop.render.DeskPlate;
import io.skyscope.map.MapDesk;
import io.skyscope.protocol.DeskEvent;
import io.skyscope.protocol.ServerMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screen model of desks: my desk, the notes left on it while I was away, the name plates of
 * the held desks for the map (each holder's name and profile photo), my "go to my desk" setting
 * (the server's value, from {@code desks}), and claiming, freeing, assigning (owners and admins),
 * leaving a note and walking to a desk, over client-core's {@link Desks}. The server's refusals of
 * these commands become notices in plain words.
 *
 * <p>Threads: properties and commands on the FX thread; desk changes and replies arrive on the
 * receive thread and are handed over through {@code fx}. Photos, my role and the member list are
 * fetched on virtual threads. {@link #plates()} may be read from any thread (the render loop reads
 * it each frame), and so may {@link #explains(String)}.
 */
public final class DeskModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeskModel.class);
    private static final int PHOTO_SIZE = 64;

    private final Session link;
    private final Executor fx;
    private final BiPredicate<Double, Double> walkTo;
    private final ReadOnlyStringWrapper mine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper goToDesk = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper manager = new ReadOnlyBooleanWrapper(false);
    /** The latest commands sent, by ref: what each was, to word a refusal. FX thread writes; any thread reads. */
    private final Map<String, DeskErrors.Kind> pending = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, DeskErrors.Kind> eldest) {
                    return size() > 64;
                }
            });
    private final Consumer<ServerMessage> onReply;
    private final ObservableList<DeskEvent.Note> notes = FXCollections.observableArrayList();
    private final Map<String, Image> photos = new ConcurrentHashMap<>();
    private final Set<String> fetching = ConcurrentHashMap.newKeySet();
    private final Consumer<Desks.State> onChange;
    private volatile List<DeskPlate> plates = List.of();
    private Desks.State shown;
    private boolean mapShown;
    private boolean closed;

    /** @param walkTo walks my avatar to a map point along the path finder */
    public DeskModel(Session link, Executor fx, BiPredicate<Double, Double> walkTo) {
        this.link = link;
        this.fx = fx;
        this.walkTo = walkTo;
        this.onChange = s -> fx.execute(() -> refresh(false));
        link.desks().onChange(onChange);
        this.onReply = this::replied;
        link.onMessage(onReply);
        Thread.ofVirtual().name("desk-role").start(this::readRole);
    }

    /** I hold a desk and want to start at it when I enter a space; the server's value. */
    public ReadOnlyBooleanProperty goToDeskProperty() {
        return goToDesk.getReadOnlyProperty();
    }

    /** I may assign desks and free anyone's: an owner or admin of the space, or a server admin. */
    public ReadOnlyBooleanProperty managerProperty() {
        return manager.getReadOnlyProperty();
    }

    /** Whether a refusal with this ref is one of mine to word (so the office does not show it twice). */
    public boolean explains(String ref) {
        return ref != null && pending.containsKey(ref);
    }

    /** The desk I hold, or empty. */
    public ReadOnlyStringProperty mineProperty() {
        return mine.getReadOnlyProperty();
    }

    /** The latest thing to tell the user about desks; empty for none. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Notes left on my desk while I was away, oldest first, until I mark them read. */
    public ObservableList<DeskEvent.Note> notes() {
        return notes;
    }

    /** The name plates of the held desks, immutable; any thread. */
    public List<DeskPlate> plates() {
        return plates;
    }

    /** The desk of the space's map at a map point (its rectangle, or within 16 px of a point desk). */
    public Optional<MapDesk> deskAt(double x, double y) {
        return link.desks().mapDesks().stream().filter(d -> x >= d.x() - pad(d) && x <= d.x() + d.width() + pad(d)
                && y >= d.y() - pad(d) && y <= d.y() + d.height() + pad(d)).findFirst();
    }

    private static double pad(MapDesk d) {
        return d.width() == 0 && d.height() == 0 ? 16 : 0;
    }

    /** Who holds a desk now, if anyone. */
    public Optional<DeskEvent.Holder> holderOf(String desk) {
        return link.desks().state().holderOf(desk);
    }

    public void clearNotice() {
        notice.set("");
    }

    // ---- commands ----

    public void claim(String desk) {
        sent(link.desks().claim(desk), DeskErrors.Kind.CLAIM, null);
    }

    /** Frees my desk, or (owners and admins) anyone's. */
    public void free(String desk) {
        String holder = holderOf(desk).filter(h -> !desk.equals(mine.get())).map(DeskEvent.Holder::displayName)
                .orElse(null);
        sent(link.desks().free(desk), DeskErrors.Kind.FREE, holder == null ? null : desk + " is free; " + holder
                + " no longer holds it.");
    }

    /** Gives a free desk to a member (owners and admins); a desk they held is freed. */
    public void assign(String desk, Assignees.Assignee to) {
        sent(link.desks().assign(desk, to.userId()), DeskErrors.Kind.ASSIGN, null);
    }

    public void leaveNote(String desk, String text) {
        String holder = holderOf(desk).map(DeskEvent.Holder::displayName).orElse("its holder");
        sent(link.desks().leaveNote(desk, text.strip()), DeskErrors.Kind.NOTE,
                "Your note is on " + desk + "; " + holder + " reads it on coming back.");
    }

    /** Turns "go to my desk when I enter a space" on or off (kept by the server for my account). */
    public void setGoToDesk(boolean on) {
        if (on != goToDesk.get()) {
            sent(link.desks().setGoToDesk(on), DeskErrors.Kind.SETTINGS, on
                    ? "From now on you start at your desk when you enter a space."
                    : "You no longer start at your desk.");
        }
    }

    /** Walks me to my desk's seat; false if I hold none (or no path leads there). */
    public boolean walkToMine() {
        return !mine.get().isEmpty() && walkTo(mine.get());
    }

    /** The people a desk can be assigned to; {@code then} runs on the FX thread. See {@link Assignees}. */
    public void assignees(Consumer<List<Assignees.Assignee>> then) {
        Assignees.read(link, fx, then);
    }

    /** Marks the notes on my desk read (the server deletes them). */
    public void markNotesRead() {
        link.desks().markNotesRead();
        notes.clear();
    }

    /** Walks to a desk's seat along the path finder. */
    public boolean walkTo(String desk) {
        return link.desks().onMap(desk).map(d -> walkTo.test(d.seat().x(), d.seat().y())).orElse(false);
    }

    /** Brings mine, the notes and the plates up to date; the office calls it a few times a second. */
    public void refresh() {
        refresh(false);
    }

    @Override
    public void close() {
        closed = true;
        link.desks().removeListener(onChange);
        link.removeListener(onReply);
    }

    private void sent(String ref, DeskErrors.Kind kind, String what) {
        if (ref == null) {
            notice.set("You are offline; try again once the connection is back.");
            return;
        }
        pending.put(ref, kind);
        if (what != null) {
            notice.set(what);
        }
    }

    /**
     * On the receive thread: a refusal, maybe of one of my commands. Looked up on the FX thread: a
     * reply can arrive before {@link #sent} has noted the ref it carries, never before its task ends.
     */
    private void replied(ServerMessage message) {
        if (!(message instanceof ServerMessage.Error e) || e.ref() == null) {
            return;
        }
        fx.execute(() -> {
            DeskErrors.Kind kind = pending.get(e.ref());
            if (kind != null && !closed) {
                notice.set(DeskErrors.plain(kind, e));
                if (kind == DeskErrors.Kind.SETTINGS) {
                    link.desks().list(); // the setting shown changed before the server refused it
                }
            }
        });
    }

    private void readRole() {
        try {
            String token = link.tokens().accessToken();
            String role = link.api().space(token, link.spaceId()).myRole();
            boolean may = "owner".equals(role) || "admin".equals(role) || link.api().me(token).serverAdmin();
            fx.execute(() -> manager.set(may));
        } catch (RuntimeException e) {
            LOG.info("role in space {} not read; desks are managed by owners and admins: {}", link.spaceId(),
                    e.toString());
        }
    }

    private void refresh(boolean photoArrived) {
        Desks.State s = link.desks().state();
        boolean mapHere = !link.desks().mapDesks().isEmpty();
        if (closed || (s == shown && mapHere == mapShown && !photoArrived)) {
            return;
        }
        String was = mine.get();
        String now = s.mine() == null ? "" : s.mine();
        if (shown != null && shown.loaded() && s.loaded() && !now.equals(was)) {
            notice.set(now.isEmpty() ? "You no longer have a desk (" + was + ")." : now + " is your desk now.");
        }
        mine.set(now);
        goToDesk.set(s.goToDesk());
        if (!notes.equals(s.notes())) {
            notes.setAll(s.notes());
        }
        shown = s;
        mapShown = mapHere;
        List<DeskPlate> next = new ArrayList<>();
        for (DeskEvent.Holder h : s.holders()) {
            link.desks().onMap(h.desk()).ifPresent(d -> next.add(new DeskPlate(d.name(), d.x(), d.y(), d.width(),
                    d.height(), h.userId(), h.displayName(), photo(h), d.name().equals(now))));
        }
        plates = List.copyOf(next);
    }

    /** The holder's photo if fetched; else null, and it is fetched (once per version). */
    private Image photo(DeskEvent.Holder h) {
        if (h.photo() == null) {
            return null;
        }
        String key = h.userId() + "@" + h.photo();
        Image image = photos.get(key);
        if (image == null && fetching.add(key)) {
            Thread.ofVirtual().name("desk-photo").start(() -> {
                try {
                    byte[] png = link.api().photo(link.tokens().accessToken(), h.userId(), PHOTO_SIZE);
                    photos.put(key, new Image(new ByteArrayInputStream(png)));
                    fx.execute(() -> refresh(true));
                } catch (RuntimeException e) {
                    LOG.info("photo of desk holder {} not fetched: {}", h.userId(), e.toString());
                }
            });
        }
        return image;
    }
}
