package io.skyscope.server.chat;

import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.Refused;
import io.skyscope.server.chat.store.ChatKeys;
import io.skyscope.server.chat.store.ChatMessages;
import io.skyscope.server.chat.store.ChatStores;
import io.skyscope.server.chat.store.MessageWriter;
import io.skyscope.server.chat.store.Notifications;
import io.skyscope.server.chat.store.StoredMessage;
import io.skyscope.server.store.TtlCache;
import io.skyscope.server.store.GroupCommit;
import io.skyscope.server.store.Users;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Posting messages and typing indicators: rate, storage and fan-out; who may send where is
 * {@link ChatAccess}'s to say.
 *
 * <p>Every step that reads the store is a round trip costing CPU on both sides; what is read on
 * every send but rarely changes (bans and mutes, conversations, display names) is cached for a
 * few seconds, and on the embedded store the sender's space and membership are read from memory,
 * the message is inserted with the others of the next flush ({@link MessageWriter}) and the
 * sender's read marker is written with that flush, so a send there makes no store round trip of
 * its own: only, for the space channels, a question to the space owner.
 *
 * <p>A message is acknowledged only once it is durable: it is stored, then the acknowledgement
 * and the deliveries wait in {@link GroupCommit} for the next flush, which many concurrent sends
 * share. The acknowledgement leaves at once from the committer thread; deliveries go through
 * {@link ChatFanout}'s own thread, so acknowledgements do not wait behind them. A send that
 * repeats a {@code clientMessageId} is refused by the unique index when it is stored (no lookup
 * beforehand: retries are rare, sends are not), then acknowledged again with the stored message's
 * id; nothing new is stored or delivered. A send whose insert or flush fails gets an error to
 * retry, never an acknowledgement.
 *
 * <p>Threads: {@link #send} and {@link #typing} run on session threads (one frame at a time per
 * connection); on the embedded store what follows an insert (inbox entries, read marker,
 * notifications) runs on the committer thread just before the flush, and acknowledgements run on
 * it after the flush; deliveries run on the fan-out thread. Stateless apart from the rate limiter
 * and typing throttle, which are thread-safe.
 */
public final class ChatService {
    static final long TYPING_INTERVAL_MILLIS = 3_000;
    /** A new display name shows on messages sent after at most this long. */
    private static final long NAME_CACHE_MILLIS = 10_000;

    private final ChatStores stores;
    private final TtlCache<String, String> names;
    private final ChatAccess access;
    private final ChatRecipients recipients;
    private final Mentions mentions;
    private final Notifier notifier;
    private final ChatFanout fanout;
    private final GroupCommit commit;
    private final ChatRateLimiter limiter;
    private final TypingThrottle typing = new TypingThrottle(TYPING_INTERVAL_MILLIS);
    private final LongAdder stored = new LongAdder();
    private final Clock clock;

    public ChatService(ChatStores stores, Users users, ChatAccess access, ChatRecipients recipients,
                       ChatFanout fanout, GroupCommit commit, ChatRateLimiter limiter, Clock clock) {
        this.stores = stores;
        this.names = new TtlCache<>(NAME_CACHE_MILLIS, id -> users.findById(id).map(Users.User::displayName));
        this.access = access;
        this.recipients = recipients;
        this.mentions = new Mentions(users);
        this.notifier = new Notifier(stores.notifications());
        this.fanout = fanout;
        this.commit = commit;
        this.limiter = limiter;
        this.clock = clock;
    }

    /**
     * Stores a message and, once it is durable, acknowledges it to the sender and delivers it.
     *
     * @param sessionSpaceId the space the sender's connection is in, or null
     * @throws Refused when the message is refused (nothing is stored then)
     */
    public void send(String userId, String sessionSpaceId, ChatCommand.Send cmd) {
        limiter.acquire(userId);
        ChatAccess.Target target = access.postingTo(userId, sessionSpaceId, cmd.channel());
        access.requireMaySend(target.spaceId(), userId);
        String replyTo = replyTo(cmd.replyTo(), target, userId);
        String senderName = names.get(userId)
                .orElseThrow(() -> Refused.unauthorized("this account no longer exists"));
        List<String> audience = audience(target, userId);
        List<String> mentioned = mentions.resolve(cmd.text(), userId,
                access.mentionable(target.channel(), target.spaceId(), audience));
        Instant now = ChatMessages.millis(clock.instant());

        String key = target.channel().key();
        boolean nearby = target.channel() instanceof Channel.Nearby;
        long seq = stores.sequences().next(key);
        String id = ChatKeys.id(key, seq);
        List<StoredMessage.InboxEntry> inbox = new ArrayList<>();
        if (nearby) {
            for (String recipient : audience) {
                inbox.add(new StoredMessage.InboxEntry(recipient,
                        stores.sequences().next(ChatKeys.inbox(target.spaceId(), recipient))));
            }
        }
        var message = new StoredMessage(id, target.spaceId(), target.channel().wire(), userId, senderName,
                cmd.clientMessageId(), cmd.text(), now, replyTo, mentioned, null, false, inbox);
        MessageWriter.Write<List<Notifier.Outgoing>> write = stores.writer().write(message, outcome -> {
            if (outcome != ChatMessages.Outcome.STORED) {
                // A retry (the unique index found the message stored the first time) or a refusal:
                // hand the numbers back so that it leaves no gap where it can.
                for (int i = inbox.size() - 1; i >= 0; i--) {
                    var entry = inbox.get(i);
                    stores.sequences().release(ChatKeys.inbox(target.spaceId(), entry.userId()), entry.seq());
                }
                stores.sequences().release(key, seq);
                return List.of();
            }
            if (nearby) {
                stores.inboxes().add(target.spaceId(), id, inbox);
                stores.markers().advanceOwn(userId, ChatKeys.inbox(target.spaceId(), userId), message.inboxSeq(userId));
            } else {
                stores.markers().advanceOwn(userId, key, seq);
            }
            return notify(message, target);
        });

        ChatMessage view = message.view();
        var ack = new ChatEvent.Ack(cmd.ref(), cmd.clientMessageId(), id, target.channel().wire(), now);
        commit.afterDurable(() -> {
            switch (write.outcome()) {
                case STORED -> {
                    stored.increment();
                    fanout.answer(userId, ack);
                    fanout.toUsers(audience, userId, new ChatEvent.Message(view));
                    List<Notifier.Outgoing> notes = write.result();
                    if (notes != null) {
                        notes.forEach(n -> fanout.toUser(n.userId(), n.event()));
                    }
                }
                case DUPLICATE -> ackAgain(userId, cmd);
                case FAILED -> fanout.answer(userId, ChatErrors.storeUnavailable(cmd.ref()));
                case null -> fanout.answer(userId, ChatErrors.storeUnavailable(cmd.ref()));
            }
        }, failure -> fanout.answer(userId, ChatErrors.storeUnavailable(cmd.ref())));
    }

    /** Messages stored by this node since it started (for metrics). */
    public long storedCount() {
        return stored.sum();
    }

    /** Relays a typing indicator to whoever would receive a message in the channel now (throttled). */
    public void typing(String userId, String sessionSpaceId, ChatCommand.Typing cmd) {
        // Throttled before the access check, which reads the store: typing frames come often.
        if (!typing.allow(userId, Channel.fromWire(cmd.channel(), sessionSpaceId).key(), System.nanoTime())) {
            return;
        }
        ChatAccess.Target target = access.postingTo(userId, sessionSpaceId, cmd.channel());
        access.requireMaySend(target.spaceId(), userId);
        String name = names.get(userId).orElse(userId);
        fanout.toUsers(audience(target, userId), userId,
                new ChatEvent.Typing(target.channel().wire(), target.spaceId(), userId, name));
    }

    /** Who receives a message in the target now; includes the sender for nearby and conversations. */
    private List<String> audience(ChatAccess.Target target, String userId) {
        return switch (target.channel()) {
            case Channel.Conversation _ -> target.conversation().participants();
            case Channel.Nearby _ -> recipients.nearby(target.spaceId(), userId);
            case Channel.Space _ -> recipients.present(target.spaceId());
        };
    }

    private String replyTo(String replyTo, ChatAccess.Target target, String userId) {
        if (replyTo == null) {
            return null;
        }
        ChatKeys.Id id = ChatKeys.parse("replyTo", replyTo);
        if (!id.key().equals(target.channel().key())) {
            throw Refused.badRequest("replyTo", "'replyTo' must be a message of the same channel");
        }
        StoredMessage original = stores.messages().find(replyTo)
                .filter(m -> access.mayReplyTo(userId, target.channel(), m))
                .orElseThrow(() -> Refused.badRequest("replyTo", "'replyTo' names no message you can see"));
        return original.id();
    }

    private List<Notifier.Outgoing> notify(StoredMessage m, ChatAccess.Target target) {
        List<Notifier.Outgoing> notes = new ArrayList<>();
        for (String userId : m.mentions()) {
            notes.add(notifier.create(userId, Notifications.MENTION, m.spaceId(), m.channel(), m.id(), m.senderId(),
                    m.senderName(), m.text(), m.sentAt()));
        }
        if (target.conversation() != null) {
            for (String userId : target.conversation().participants()) {
                if (!userId.equals(m.senderId()) && !m.mentions().contains(userId)
                        && stores.markers().claimNotification(userId, target.channel().key())) {
                    notes.add(notifier.create(userId, Notifications.DM, m.spaceId(), m.channel(), m.id(),
                            m.senderId(), m.senderName(), m.text(), m.sentAt()));
                }
            }
        }
        return notes;
    }

    /**
     * Acknowledges a retried send as the first one was, with the stored message's id; nothing new
     * is stored or delivered. Runs after the flush that covers the stored copy, which was inserted
     * before this one was refused.
     */
    private void ackAgain(String userId, ChatCommand.Send cmd) {
        ServerMessage reply;
        try {
            reply = stores.messages().findSent(userId, cmd.clientMessageId())
                    .<ServerMessage>map(m -> new ChatEvent.Ack(cmd.ref(), cmd.clientMessageId(), m.id(), m.channel(),
                            m.sentAt()))
                    .orElseGet(() -> ChatErrors.storeUnavailable(cmd.ref()));
        } catch (RuntimeException e) {
            if (!ChatErrors.isStorageFailure(e)) {
                throw e;
            }
            reply = ChatErrors.storeUnavailable(cmd.ref());
        }
        fanout.answer(userId, reply);
    }
}
