package io.skyscope.desktop.chat;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The chat model of a server without chat: no channels, and a reason the panel shows instead. */
public final class UnavailableChat implements ChatModel {
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper reason;
    private final ObservableList<ChatChannel> channels =
            FXCollections.unmodifiableObservableList(FXCollections.observableArrayList());
    private final ReadOnlyObjectWrapper<ChatChannel> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ChatLine> lastMention = new ReadOnlyObjectWrapper<>();

    public UnavailableChat(String reason) {
        this.reason = new ReadOnlyStringWrapper(reason);
    }

    public static UnavailableChat notOnThisServer() {
        return new UnavailableChat("Chat is not available on this server yet.");
    }

    @Override
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty unavailableReasonProperty() {
        return reason.getReadOnlyProperty();
    }

    @Override
    public ObservableList<ChatChannel> channels() {
        return channels;
    }

    @Override
    public ReadOnlyObjectProperty<ChatChannel> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyObjectProperty<ChatLine> lastMentionProperty() {
        return lastMention.getReadOnlyProperty();
    }

    @Override
    public void select(ChatChannel channel) {
    }

    @Override
    public void send(ChatChannel channel, ChatLine replyTo) {
    }

    @Override
    public void edit(ChatChannel channel, ChatLine line, String newText) {
    }

    @Override
    public void delete(ChatChannel channel, ChatLine line) {
    }

    @Override
    public void loadOlder(ChatChannel channel) {
    }

    @Override
    public void typing(ChatChannel channel) {
    }

    @Override
    public ChatChannel openDirect(String userId, String displayName) {
        return null;
    }
}
