package io.skyscope.server.chat.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteError;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.skyscope.protocol.ChatReaction;
import io.skyscope.protocol.Reactions;
import io.skyscope.server.store.MongoStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The {@code chatMessages} collection: every message of every channel, {@code _id} = the message
 * id ({@link ChatKeys}), so history pages are lookups by id ({@link SeqPages}). {@code cid} =
 * {@code senderId/clientMessageId} carries a unique index: a retried send finds the message it
 * already stored, and two racing copies of one send cannot both be stored.
 *
 * <p>Thread-safe (stateless over the collection). Every query is by {@code _id} or {@code cid},
 * both served by unique indexes on the embedded store.
 */
public final class ChatMessages {
    private final MongoCollection<Document> messages;

    public ChatMessages(MongoStore store) {
        this.messages = store.database().getCollection("chatMessages");
        store.indexes().unique(messages, "cid");
    }

    /** Another message with the same sender and clientMessageId was stored first. */
    public static final class DuplicateSend extends RuntimeException {
        DuplicateSend() {
            super(null, null, false, false);
        }
    }

    /** @throws DuplicateSend if the sender already stored a message with this clientMessageId */
    public void insert(StoredMessage m) {
        try {
            messages.insertOne(toDocument(m));
        } catch (MongoWriteException e) {
            if (isDuplicateSend(e.getError())) {
                throw new DuplicateSend();
            }
            throw e;
        }
    }

    /** What became of one message of {@link #insertEach}. */
    public enum Outcome {
        STORED,
        /** The sender had already stored a message with this clientMessageId (before, or earlier in the batch). */
        DUPLICATE,
        /** The store refused this one message for another reason. */
        FAILED
    }

    /**
     * Inserts the messages in one unordered bulk write (one store round trip) and says, by
     * position, what became of each: one refusal does not stop the others.
     *
     * @throws RuntimeException when the write as a whole fails (nothing is known of any message)
     */
    public List<Outcome> insertEach(List<StoredMessage> batch) {
        List<Outcome> outcomes = new ArrayList<>(Collections.nCopies(batch.size(), Outcome.STORED));
        if (batch.isEmpty()) {
            return outcomes;
        }
        try {
            messages.insertMany(batch.stream().map(ChatMessages::toDocument).toList(),
                    new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                outcomes.set(error.getIndex(), isDuplicateSend(error) ? Outcome.DUPLICATE : Outcome.FAILED);
            }
        }
        return outcomes;
    }

    private static boolean isDuplicateSend(WriteError error) {
        return error.getCategory() == ErrorCategory.DUPLICATE_KEY && String.valueOf(error.getMessage()).contains("cid");
    }

    /** Stores many messages at once (imports, benchmarks); they must not repeat a clientMessageId. */
    void insertAll(List<StoredMessage> batch) {
        if (!batch.isEmpty()) {
            messages.insertMany(batch.stream().map(ChatMessages::toDocument).toList());
        }
    }

    public Optional<StoredMessage> find(String id) {
        return Optional.ofNullable(messages.find(eq("_id", id)).first()).map(ChatMessages::fromDocument);
    }

    public Optional<StoredMessage> findSent(String senderId, String clientMessageId) {
        return Optional.ofNullable(messages.find(eq("cid", cid(senderId, clientMessageId))).first())
                .map(ChatMessages::fromDocument);
    }

    /** The messages with these ids that exist, by id. */
    public Map<String, StoredMessage> findAll(Collection<String> ids) {
        Map<String, StoredMessage> found = new HashMap<>();
        if (!ids.isEmpty()) {
            messages.find(in("_id", ids)).forEach(d -> found.put(d.getString("_id"), fromDocument(d)));
        }
        return found;
    }

    MongoCollection<Document> collection() {
        return messages;
    }

    /** A page of one sequence's messages, newest first, and the cursor for the next (older) page or null. */
    public record Page(List<StoredMessage> messages, String nextBefore) {
    }

    /**
     * The messages of sequence {@code key} numbered below {@code below}, newest first (see {@link SeqPages}).
     *
     * @param counter the sequence's last number and floor
     */
    public Page page(String key, long below, ChatCounters.Counter counter, int limit) {
        var page = SeqPages.newestFirst(messages, key, below, counter, limit);
        return new Page(page.documents().stream().map(ChatMessages::fromDocument).toList(), page.nextBefore());
    }

    public void edit(String id, String text, List<String> mentions, Instant at) {
        messages.updateOne(eq("_id", id), Updates.combine(Updates.set("text", text),
                Updates.set("mentions", mentions), Updates.set("editedAt", date(at))));
    }

    /** Marks the message deleted and forgets its text; the id stays, so replies still point somewhere. */
    public void markDeleted(String id) {
        messages.updateOne(eq("_id", id), Updates.combine(Updates.set("deleted", true), Updates.set("text", ""),
                Updates.set("mentions", List.of())));
    }

    /**
     * Adds ({@code add}) or takes back one person's reaction, atomically: {@code reactions.<emoji>}
     * is a set of user ids, so reacting twice with one emoji counts once. Returns the message as
     * it is afterwards, or empty if there is no such message.
     *
     * @param emoji a {@link Reactions} short code (a safe field name: checked by the protocol)
     */
    public Optional<StoredMessage> react(String id, String emoji, String userId, boolean add) {
        if (!Reactions.isKnown(emoji)) {
            throw new IllegalArgumentException("not a reaction: " + emoji);
        }
        String field = "reactions." + emoji;
        var update = add ? Updates.addToSet(field, userId) : Updates.pull(field, userId);
        return Optional.ofNullable(messages.findOneAndUpdate(eq("_id", id), update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))).map(ChatMessages::fromDocument);
    }

    /** Removes messages for good (retention). */
    public long deleteAll(Collection<String> ids) {
        return ids.isEmpty() ? 0 : messages.deleteMany(in("_id", ids)).getDeletedCount();
    }

    static String cid(String senderId, String clientMessageId) {
        return senderId + "/" + clientMessageId;
    }

    public static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Document toDocument(StoredMessage m) {
        Document d = new Document("_id", m.id())
                .append("cid", cid(m.senderId(), m.clientMessageId()))
                .append("spaceId", m.spaceId())
                .append("channel", m.channel())
                .append("senderId", m.senderId())
                .append("senderName", m.senderName())
                .append("text", m.text())
                .append("sentAt", date(m.sentAt()));
        if (m.replyTo() != null) {
            d.append("replyTo", m.replyTo());
        }
        if (!m.mentions().isEmpty()) {
            d.append("mentions", m.mentions());
        }
        if (!m.inbox().isEmpty()) {
            List<Document> inbox = new ArrayList<>();
            m.inbox().forEach(e -> inbox.add(new Document("u", e.userId()).append("s", e.seq())));
            d.append("inbox", inbox);
        }
        return d;
    }

    static StoredMessage fromDocument(Document d) {
        String cid = d.getString("cid");
        List<StoredMessage.InboxEntry> inbox = new ArrayList<>();
        for (Document e : d.getList("inbox", Document.class, List.of())) {
            inbox.add(new StoredMessage.InboxEntry(e.getString("u"), ((Number) e.get("s")).longValue()));
        }
        Date editedAt = d.getDate("editedAt");
        return new StoredMessage(d.getString("_id"), d.getString("spaceId"), d.getString("channel"),
                d.getString("senderId"), d.getString("senderName"), cid.substring(cid.indexOf('/') + 1),
                d.getString("text"), d.getDate("sentAt").toInstant(), d.getString("replyTo"),
                d.getList("mentions", String.class, List.of()), editedAt == null ? null : editedAt.toInstant(),
                d.getBoolean("deleted", false), inbox, reactions(d.get("reactions", Document.class)));
    }

    /**
     * The stored reactions in the order of the emoji set, each naming its first reactors only;
     * emoji nobody reacts with any more are left out.
     */
    private static List<ChatReaction> reactions(Document stored) {
        if (stored == null) {
            return List.of();
        }
        List<ChatReaction> reactions = new ArrayList<>();
        for (String emoji : Reactions.EMOJI.keySet()) {
            List<String> who = stored.getList(emoji, String.class, List.of());
            if (!who.isEmpty()) {
                reactions.add(new ChatReaction(emoji, who.size(), who.subList(0, Math.min(who.size(),
                        Reactions.MAX_LISTED))));
            }
        }
        return reactions;
    }
}
