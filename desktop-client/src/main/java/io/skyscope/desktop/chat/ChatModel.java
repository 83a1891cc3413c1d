package io.skyscope.desktop.chat;

import io.skyscope.protocol.Person;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;

/**
 * The screen model of the chat panel: channels (space, nearby, direct, group), sending, editing,
 * deleting, replying, history and typing. A chat backend implements it over the server's chat
 * messages; the panel only reads it and calls its commands.
 *
 * <p>Threads: FX thread only; implementations marshal network events onto it.
 */
public interface ChatModel {

    /** False while this server offers no chat; the panel then says why and offers nothing. */
    ReadOnlyBooleanProperty availableProperty();

    ReadOnlyStringProperty unavailableReasonProperty();

    ObservableList<ChatChannel> channels();

    ReadOnlyObjectProperty<ChatChannel> selectedProperty();

    /** The latest message that mentions me, for the notification; null before any. */
    ReadOnlyObjectProperty<ChatLine> lastMentionProperty();

    /** Shows a channel and marks it read. */
    void select(ChatChannel channel);

    /** Sends the channel's draft (as a reply when {@code replyTo} is set) and clears the draft. */
    void send(ChatChannel channel, ChatLine replyTo);

    void edit(ChatChannel channel, ChatLine line, String newText);

    void delete(ChatChannel channel, ChatLine line);

    /** Loads a page of older messages into the channel, if there are any. */
    void loadOlder(ChatChannel channel);

    /** Tells the others I am typing (implementations throttle it). */
    void typing(ChatChannel channel);

    /** Adds my reaction ({@link io.skyscope.protocol.Reactions} short code) to a message, or takes it back if it is there. */
    void react(ChatLine line, String emoji);

    /** Whether I reacted to the message with this emoji. */
    boolean reacted(ChatLine line, String emoji);

    /** A person's name, for the list of who reacted. */
    String nameOf(String userId);

    /** Opens (or returns) the direct conversation with one person and selects it. */
    ChatChannel openDirect(String userId, String displayName);

    /** The people in the space I could start a group with (everyone present but me), by name. */
    List<Person> others();

    /**
     * Creates a group conversation with {@code userIds} (two or more others; members of the space)
     * and selects it once the server made it; {@code title} may be blank.
     */
    void createGroup(List<String> userIds, String title);
}
