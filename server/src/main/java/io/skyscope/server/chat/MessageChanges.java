package io.skyscope.server.chat;

import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.Refused;
import io.skyscope.server.chat.store.ChatKeys;
import io.skyscope.server.chat.store.ChatMessages;
import io.skyscope.server.chat.store.ChatStores;
import io.skyscope.server.chat.store.Notifications;
import io.skyscope.server.chat.store.StoredMessage;
import io.skyscope.server.store.GroupCommit;
import io.skyscope.server.store.Users;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Editing, deleting and reacting to messages. Only the sender edits; the sender or an admin or owner of the
 * message's space deletes ({@link ChatAccess} decides). Everyone who received the message (and the actor) gets
 * {@code chat.updated} once the change is durable; history shows it from then on. Newly mentioned
 * people get a mention notification.
 *
 * <p>Threads: session threads; deliveries on the group-commit thread. Stateless.
 */
public final class MessageChanges {
    private final ChatStores stores;
    private final ChatAccess access;
    private final ChatRecipients recipients;
    private final Mentions mentions;
    private final Notifier notifier;
    private final ChatFanout fanout;
    private final GroupCommit commit;
    private final ChatRateLimiter limiter;
    private final Clock clock;

    public MessageChanges(ChatStores stores, Users users, ChatAccess access, ChatRecipients recipients,
                          ChatFanout fanout, GroupCommit commit, ChatRateLimiter limiter, Clock clock) {
        this.stores = stores;
        this.access = access;
        this.recipients = recipients;
        this.mentions = new Mentions(users);
        this.notifier = new Notifier(stores.notifications());
        this.fanout = fanout;
        this.commit = commit;
        this.limiter = limiter;
        this.clock = clock;
    }

    public void edit(String userId, ChatCommand.Edit cmd) {
        limiter.acquire(userId);
        Channel channel = channelOf(cmd.messageId());
        StoredMessage m = visible(userId, channel, cmd.messageId());
        access.requireMayEdit(userId, m);
        Set<String> audience = audience(channel, m);
        List<String> mentioned = mentions.resolve(cmd.text(), userId,
                access.mentionable(channel, m.spaceId(), audience));
        Instant now = ChatMessages.millis(clock.instant());
        stores.messages().edit(m.id(), cmd.text(), mentioned, now);
        var edited = new StoredMessage(m.id(), m.spaceId(), m.channel(), m.senderId(), m.senderName(),
                m.clientMessageId(), cmd.text(), m.sentAt(), m.replyTo(), mentioned, now, false, m.inbox(),
                m.reactions());
        List<Notifier.Outgoing> notes = new ArrayList<>();
        for (String id : mentioned) {
            if (!m.mentions().contains(id)) {
                notes.add(notifier.create(id, Notifications.MENTION, m.spaceId(), m.channel(), m.id(), userId,
                        m.senderName(), cmd.text(), now));
            }
        }
        publish(userId, new ChatEvent.Updated(edited.view()), audience, notes, cmd.ref(), "chat.edit");
    }

    public void delete(String userId, ChatCommand.Delete cmd) {
        Channel channel = channelOf(cmd.messageId());
        StoredMessage m = visible(userId, channel, cmd.messageId());
        access.requireMayDelete(userId, m);
        if (!m.deleted()) {
            stores.messages().markDeleted(m.id());
        }
        var deleted = new StoredMessage(m.id(), m.spaceId(), m.channel(), m.senderId(), m.senderName(),
                m.clientMessageId(), "", m.sentAt(), m.replyTo(), List.of(), m.editedAt(), true, m.inbox());
        Set<String> audience = audience(channel, m);
        audience.add(m.senderId());
        publish(userId, new ChatEvent.Updated(deleted.view()), audience, List.of(), cmd.ref(), "chat.delete");
    }

    /**
     * Adds or takes back the user's reaction on a message they can read (and may post in: a
     * muted person cannot react). Everyone who sees the change of a message gets
     * {@code chat.reactions} with the message's whole set of reactions (each naming its first
     * {@link io.skyscope.protocol.Reactions#MAX_LISTED} reactors).
     */
    public void react(String userId, ChatCommand.React cmd) {
        limiter.acquire(userId);
        Channel channel = channelOf(cmd.messageId());
        StoredMessage m = stores.messages().find(cmd.messageId())
                .filter(found -> access.mayRead(userId, channel, found))
                .orElseThrow(() -> Refused.notFound("No such message"));
        if (m.deleted()) {
            throw Refused.conflict(ErrorCode.MESSAGE_DELETED, "messageId", "This message was deleted");
        }
        access.requireMaySend(m.spaceId(), userId);
        StoredMessage after = stores.messages().react(m.id(), cmd.emoji(), userId, !cmd.remove())
                .orElseThrow(() -> Refused.notFound("No such message"));
        var event = new ChatEvent.Reactions(m.id(), m.channel(), m.spaceId(), userId, cmd.emoji(), !cmd.remove(),
                after.reactions());
        publish(userId, event, audience(channel, m), List.of(), cmd.ref(), "chat.react");
    }

    private static Channel channelOf(String messageId) {
        return Channel.of(ChatKeys.parse("messageId", messageId))
                .orElseThrow(() -> Refused.badRequest("messageId", "'messageId' is not a message id"));
    }

    /** The message, if the user may see it (moderators see every message of their space). */
    private StoredMessage visible(String userId, Channel channel, String messageId) {
        StoredMessage m = stores.messages().find(messageId)
                .orElseThrow(() -> Refused.notFound("No such message"));
        access.requireSeesForChange(userId, channel, m);
        return m;
    }

    /** Who should see a change now: those present (space), the recipients (nearby), the participants. */
    private Set<String> audience(Channel channel, StoredMessage m) {
        Set<String> audience = new LinkedHashSet<>();
        switch (channel) {
            case Channel.Nearby _ -> m.inbox().forEach(e -> audience.add(e.userId()));
            case Channel.Conversation c ->
                    stores.conversations().find(c.id()).ifPresent(conv -> audience.addAll(conv.participants()));
            case Channel.Space _ -> audience.addAll(recipients.present(m.spaceId()));
        }
        return audience;
    }

    private void publish(String actorId, ServerMessage event, Set<String> audience, List<Notifier.Outgoing> notes,
                         String ref, String of) {
        audience.add(actorId);
        commit.afterDurable(() -> {
            if (ref != null) {
                fanout.toUser(actorId, new ServerMessage.Ack(ref, of));
            }
            fanout.toUsers(audience, null, event);
            notes.forEach(n -> fanout.toUser(n.userId(), n.event()));
        }, failure -> fanout.toUser(actorId, ChatErrors.storeUnavailable(ref)));
    }
}
