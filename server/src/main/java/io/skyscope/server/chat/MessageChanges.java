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
import java.util.function.Predicate;

/**
 * Editing and deleting messages. Only the sender edits; the sender or an admin or owner of the
 * message's space deletes. Everyone who received the message (and the actor) gets
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
        StoredMessage m = visible(userId, cmd.messageId());
        if (!m.senderId().equals(userId)) {
            throw Refused.forbidden("You can only edit your own messages");
        }
        if (m.deleted()) {
            throw Refused.conflict(ErrorCode.MESSAGE_DELETED, "messageId", "This message was deleted");
        }
        access.requireMember(m.spaceId(), userId);
        access.requireMaySend(m.spaceId(), userId);
        Set<String> audience = audience(m);
        Predicate<String> canRead = m.key().kind() == 's'
                ? id -> access.isMember(m.spaceId(), id) && !stores.sanctions().isBanned(m.spaceId(), id)
                : audience::contains;
        List<String> mentioned = mentions.resolve(cmd.text(), userId, canRead);
        Instant now = ChatMessages.millis(clock.instant());
        stores.messages().edit(m.id(), cmd.text(), mentioned, now);
        var edited = new StoredMessage(m.id(), m.spaceId(), m.channel(), m.senderId(), m.senderName(),
                m.clientMessageId(), cmd.text(), m.sentAt(), m.replyTo(), mentioned, now, false, m.inbox());
        List<Notifier.Outgoing> notes = new ArrayList<>();
        for (String id : mentioned) {
            if (!m.mentions().contains(id)) {
                notes.add(notifier.create(id, Notifications.MENTION, m.spaceId(), m.channel(), m.id(), userId,
                        m.senderName(), cmd.text(), now));
            }
        }
        publish(userId, edited, audience, notes, cmd.ref(), "chat.edit");
    }

    public void delete(String userId, ChatCommand.Delete cmd) {
        StoredMessage m = visible(userId, cmd.messageId());
        if (!m.senderId().equals(userId) && access.rank(m.spaceId(), userId) < ChatAccess.ADMIN) {
            throw Refused.forbidden("You can only delete your own messages");
        }
        if (!m.deleted()) {
            stores.messages().markDeleted(m.id());
        }
        var deleted = new StoredMessage(m.id(), m.spaceId(), m.channel(), m.senderId(), m.senderName(),
                m.clientMessageId(), "", m.sentAt(), m.replyTo(), List.of(), m.editedAt(), true, m.inbox());
        Set<String> audience = audience(m);
        audience.add(m.senderId());
        publish(userId, deleted, audience, List.of(), cmd.ref(), "chat.delete");
    }

    /** The message, if the user may see it (moderators see every message of their space). */
    private StoredMessage visible(String userId, String messageId) {
        ChatKeys.Id id = ChatKeys.parse("messageId", messageId);
        if ("snc".indexOf(id.kind()) < 0) {
            throw Refused.badRequest("messageId", "'messageId' is not a message id");
        }
        StoredMessage m = stores.messages().find(messageId)
                .orElseThrow(() -> Refused.notFound("No such message"));
        boolean sees = m.senderId().equals(userId)
                || switch (id.kind()) {
                    case 'n' -> m.isRecipient(userId);
                    case 'c' -> stores.conversations().find(id.scope()).map(c -> c.includes(userId)).orElse(false);
                    default -> access.isMember(m.spaceId(), userId);
                }
                || access.rank(m.spaceId(), userId) >= ChatAccess.ADMIN;
        if (!sees) {
            throw Refused.notFound("No such message");
        }
        access.requireNotBanned(m.spaceId(), userId);
        return m;
    }

    /** Who should see a change now: those present (space), the recipients (nearby), the participants. */
    private Set<String> audience(StoredMessage m) {
        Set<String> audience = new LinkedHashSet<>();
        switch (m.key().kind()) {
            case 'n' -> m.inbox().forEach(e -> audience.add(e.userId()));
            case 'c' -> stores.conversations().find(m.key().scope()).ifPresent(c -> audience.addAll(c.participants()));
            default -> audience.addAll(recipients.present(m.spaceId()));
        }
        return audience;
    }

    private void publish(String actorId, StoredMessage changed, Set<String> audience, List<Notifier.Outgoing> notes,
                         String ref, String of) {
        audience.add(actorId);
        var event = new ChatEvent.Updated(changed.view());
        commit.afterDurable(() -> {
            if (ref != null) {
                fanout.toUser(actorId, new ServerMessage.Ack(ref, of));
            }
            fanout.toUsers(audience, null, event);
            notes.forEach(n -> fanout.toUser(n.userId(), n.event()));
        }, failure -> fanout.toUser(actorId, ChatErrors.storeUnavailable(ref)));
    }
}
