package io.skyscope.desktop.notes;

import io.skyscope.client.Session;
import io.skyscope.client.notes.RoomNotes;
import io.skyscope.protocol.NotesEvent;
import io.skyscope.protocol.Person;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The screen model of a meeting room's shared notes: client-core's {@link RoomNotes} for an
 * editor. The editor's own edits and selection go in through {@link #edit} and {@link #select};
 * what others write comes out to the attached {@link Editor} as edits at positions, so the editor
 * patches its text (keeping my caret where I was writing) rather than replacing it. The others'
 * cursors and the saved versions are observable lists.
 *
 * <p>Threads: FX thread. RoomNotes applies what arrives on the FX executor given to {@link #open},
 * so the positions the editor edits at always refer to the text it shows.
 */
public final class NotesModel implements AutoCloseable {
    /** What shows the text: told the whole text once, then each change others make. */
    public interface Editor {
        void reset(String text);

        void changed(List<RoomNotes.TextEdit> edits);
    }

    private final String room;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper closed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Opening the notes…");
    private final ObservableList<RoomNotes.RemoteCursor> cursors = FXCollections.observableArrayList();
    private final ObservableList<NotesEvent.Version> versions = FXCollections.observableArrayList();
    private RoomNotes notes;
    private Editor editor;
    private Session link;

    private NotesModel(String room, Executor fx) {
        this.room = room;
        this.fx = fx;
    }

    /** Opens the notes of {@code room}, the meeting room I stand in; the text arrives shortly. */
    public static NotesModel open(Session link, String room, Executor fx) {
        var model = new NotesModel(room, fx);
        model.link = link;
        model.notes = RoomNotes.open(link, room, model.new Events(), fx);
        return model;
    }

    public String room() {
        return room;
    }

    /** The text has arrived: the editor may edit. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** The server closed the notes for me (I walked out), or I closed them. */
    public ReadOnlyBooleanProperty closedProperty() {
        return closed.getReadOnlyProperty();
    }

    /** A line under the editor: who is here, why it closed, what was refused. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The others' cursors and selections, at positions of the text as the editor shows it. */
    public ObservableList<RoomNotes.RemoteCursor> cursors() {
        return cursors;
    }

    /** The saved versions, newest first, as last loaded by {@link #loadVersions()}. */
    public ObservableList<NotesEvent.Version> versions() {
        return versions;
    }

    /** The text as this client has it. */
    public String text() {
        return notes.text();
    }

    /** Attaches the editor; it gets the whole text now if it has arrived. */
    public void attach(Editor view) {
        editor = view;
        if (ready.get()) {
            view.reset(notes.text());
        }
    }

    /**
     * My edit: {@code length} chars at {@code index} replaced by {@code inserted}. False if it
     * cannot be made (the notes are closed, not here yet, or would grow too long): the editor
     * then keeps its text as it was.
     */
    public boolean edit(int index, int length, String inserted) {
        if (closed.get() || !ready.get()) {
            return false;
        }
        try {
            notes.replace(index, length, inserted);
            return true;
        } catch (IllegalStateException | IndexOutOfBoundsException e) {
            status.set("That edit was not made: " + e.getMessage());
            return false;
        }
    }

    /** My selection (equal ends: my cursor), shown to the others. */
    public void select(int anchor, int head) {
        if (!closed.get()) {
            notes.select(anchor, head);
        }
    }

    /** Asks the server for the saved versions; {@link #versions()} fills when they arrive. */
    public void loadVersions() {
        notes.versions().whenComplete((list, error) -> fx.execute(() -> {
            if (error != null) {
                status.set("The versions could not be loaded: " + error.getMessage());
            } else {
                versions.setAll(list);
            }
        }));
    }

    /** Sets the text back to a saved version, for everyone in the room. */
    public void restore(NotesEvent.Version version) {
        notes.restore(version.id()).whenComplete((ok, error) -> fx.execute(() -> status.set(error != null
                ? "The version could not be restored: " + error.getMessage()
                : "Restored the version of " + NotesPanel.TIME.format(version.savedAt()) + ".")));
    }

    /** A name for a user id of a version's editors. */
    public String nameOf(String userId) {
        Person p = link.snapshot().person(userId);
        return p == null ? userId : p.displayName();
    }

    @Override
    public void close() {
        if (!closed.get()) {
            closed.set(true);
            status.set("Closed.");
        }
        cursors.clear();
        notes.close();
    }

    /** From RoomNotes, on the FX thread. */
    private final class Events implements RoomNotes.Listener {
        @Override
        public void reset(String text) {
            ready.set(true);
            status.set("Everyone in " + room + " can write here.");
            if (editor != null) {
                editor.reset(text);
            }
        }

        @Override
        public void changed(List<RoomNotes.TextEdit> edits) {
            if (editor != null) {
                editor.changed(edits);
            }
        }

        @Override
        public void cursors(List<RoomNotes.RemoteCursor> now) {
            cursors.setAll(now);
        }

        @Override
        public void closed(String reason) {
            closed.set(true);
            cursors.clear();
            status.set("left_room".equals(reason) || "not_in_room".equals(reason)
                    ? "You left " + room + "; its notes are closed. Walk in again to write."
                    : "The notes were closed (" + reason + ").");
        }
    }
}
