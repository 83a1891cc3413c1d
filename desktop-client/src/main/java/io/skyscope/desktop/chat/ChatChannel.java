package io.skyscope.desktop.chat;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One tab of the chat panel: the whole space, the people near me, a direct conversation or a group
 * conversation (with its members' names). The
 * draft lives here, not in the text field, so nothing typed is lost when the link drops or the
 * user switches tabs. FX thread only.
 */
public final class ChatChannel {
    public enum Kind { SPACE, NEARBY, DIRECT, GROUP }

    private final String id;
    private final Kind kind;
    private final String title;
    private final ObservableList<ChatLine> lines = FXCollections.observableArrayList();
    private final IntegerProperty unread = new SimpleIntegerProperty();
    private final StringProperty typing = new SimpleStringProperty("");
    private final StringProperty draft = new SimpleStringProperty("");
    private final BooleanProperty hasOlder = new SimpleBooleanProperty(false);
    private final ObservableList<String> members = FXCollections.observableArrayList();

    public ChatChannel(String id, Kind kind, String title) {
        this.id = id;
        this.kind = kind;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public ObservableList<ChatLine> lines() {
        return lines;
    }

    public IntegerProperty unreadProperty() {
        return unread;
    }

    /** Who is typing here right now, in words ("Ana is typing…"), or empty. */
    public StringProperty typingProperty() {
        return typing;
    }

    public StringProperty draftProperty() {
        return draft;
    }

    /** The display names of a conversation's members, me included; empty for the space and nearby. */
    public ObservableList<String> members() {
        return members;
    }

    /** Whether older messages can still be loaded (scrolling back through history). */
    public BooleanProperty hasOlderProperty() {
        return hasOlder;
    }
}
