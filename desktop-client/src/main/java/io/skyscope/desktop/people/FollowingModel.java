package io.skyscope.desktop.people;

import io.skyscope.client.People;
import io.skyscope.client.Session;
import io.skyscope.desktop.ui.Problems;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.rest.FollowingList.Followed;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Following list: the people I follow and where each is now ({@code GET /api/v1/me/following}:
 * online or not, the space if I may see it, the named area), with Locate (in this space) and Go to
 * (walk to them here, or enter their space). Read again when opened, on {@link #refresh()} (the view
 * does it every few seconds while open), and when a follow alert arrives; each alert is also told as
 * a notice.
 *
 * <p>Threads: FX thread; requests run on {@code background}, alerts arrive on the session's receive
 * thread, and both come back through {@code fx}.
 */
public final class FollowingModel {
    private final Session link;
    private final Executor background;
    private final Executor fx;
    private final Consumer<String> locate;
    private final BiConsumer<Double, Double> walkTo;
    private final ObservableList<Followed> people = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper alert = new ReadOnlyStringWrapper("");
    private Consumer<String> enterSpace = id -> { };
    private boolean loading;

    FollowingModel(Session link, Executor background, Executor fx, Consumer<String> locate,
                   BiConsumer<Double, Double> walkTo) {
        this.link = link;
        this.background = background;
        this.fx = fx;
        this.locate = locate;
        this.walkTo = walkTo;
        link.people().onAlert(n -> fx.execute(() -> alerted(n)));
    }

    public ObservableList<Followed> people() {
        return FXCollections.unmodifiableObservableList(people);
    }

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The latest follow alert in words ("Ana is online", "Ana entered Office"); the office shows it. */
    public ReadOnlyStringProperty alertProperty() {
        return alert.getReadOnlyProperty();
    }

    /** How Go to enters another space (the app leaves this one and enters that one by id). */
    public void onEnterSpace(Consumer<String> action) {
        enterSpace = action;
    }

    public void open() {
        visible.set(true);
        refresh();
    }

    public void close() {
        visible.set(false);
    }

    public void toggle() {
        if (visible.get()) {
            close();
        } else {
            open();
        }
    }

    /** Reads the list again (one request at a time). */
    public void refresh() {
        if (loading) {
            return;
        }
        loading = true;
        background.execute(() -> {
            try {
                List<Followed> list = link.people().following().people();
                fx.execute(() -> {
                    loading = false;
                    error.set("");
                    if (!list.equals(people)) {
                        people.setAll(list);
                    }
                });
            } catch (RuntimeException e) {
                String why = Problems.describe(e, link.api().base().toString());
                fx.execute(() -> {
                    loading = false;
                    error.set("Could not load whom you follow: " + why);
                });
            }
        });
    }

    /** Whether someone is in the space I am in, where I can see them on the map. */
    public boolean here(Followed f) {
        return f.spaceId() != null && f.spaceId().equals(link.spaceId());
    }

    /** Shows them on the map; only for someone {@link #here}. */
    public void locate(Followed f) {
        if (here(f)) {
            locate.accept(f.userId());
        }
    }

    /** Walks to them in this space, or enters the space they are in. */
    public void goTo(Followed f) {
        if (here(f) && f.x() != null && f.y() != null) {
            walkTo.accept(f.x(), f.y());
        } else if (f.spaceId() != null && !here(f)) {
            close();
            enterSpace.accept(f.spaceId());
        }
    }

    /** Where someone is, in words: "Office · Boardroom", "Online", "Offline". */
    public static String where(Followed f) {
        if (!f.online()) {
            return "Offline";
        }
        if (f.spaceName() == null) {
            return "Online";
        }
        return f.area() == null || f.area().isBlank() ? f.spaceName() : f.spaceName() + " · " + f.area();
    }

    private void alerted(ChatEvent.Notification n) {
        String who = n.fromName() == null ? "Someone you follow" : n.fromName();
        alert.set(""); // the same words twice are still two alerts
        alert.set(People.ONLINE.equals(n.kind()) ? who + " is online"
                : who + " " + (n.preview() == null || n.preview().isBlank() ? "entered a space" : n.preview()));
        if (visible.get()) {
            refresh();
        }
    }
}
