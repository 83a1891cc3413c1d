package io.skyscope.server.chat.store;

import io.skyscope.server.chat.store.ChatMessages.Outcome;
import io.skyscope.server.store.GroupCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores sent messages.
 *
 * <p>On the embedded store a send does not wait for its insert: the message waits here, and just
 * before each group-commit flush ({@link GroupCommit#beforeFlush}) the committer thread inserts
 * everything waiting in one unordered bulk write, so the store sees one insert per flush instead of
 * one round trip per message, and the flush that acknowledges a message is the one that made its
 * insert durable. A duplicate send is still refused by the unique index, document by document
 * ({@link ChatMessages#insertEach}); a bulk write that fails as a whole fails the flush, so none of
 * its messages is acknowledged and every sender hears of it. On a real MongoDB (shared by several
 * nodes, writes durable once acknowledged) each message is inserted at once on the caller's thread.
 *
 * <p>Whoever writes says what to do once the insert's outcome is known ({@code settle}): it runs
 * on the thread that inserted (the committer's on the embedded store, the caller's otherwise),
 * before the flush, so what it writes (inbox entries, read markers, notifications) goes into the
 * same commit as the message; its result is kept for the acknowledgement.
 *
 * <p>Threads: {@link #write} from any thread; {@link #insertWaiting} on the committer thread.
 */
public final class MessageWriter {
    private static final Logger LOG = LoggerFactory.getLogger(MessageWriter.class);

    private final ChatMessages messages;
    private final boolean batched;
    private final Queue<Write<?>> waiting = new ConcurrentLinkedQueue<>();

    MessageWriter(ChatMessages messages, boolean batched) {
        this.messages = messages;
        this.batched = batched;
    }

    /** A message handed to the writer. Read {@link #outcome} and {@link #result} once the flush after it has run. */
    public static final class Write<T> {
        private final StoredMessage message;
        private final Function<Outcome, T> settle;
        private volatile Outcome outcome;
        private volatile T result;

        private Write(StoredMessage message, Function<Outcome, T> settle) {
            this.message = message;
            this.settle = settle;
        }

        /** STORED, DUPLICATE or FAILED once inserted; null while it waits (or if the writer never got to it). */
        public Outcome outcome() {
            return outcome;
        }

        /** What {@code settle} returned, or null if it failed (logged) or has not run. */
        public T result() {
            return result;
        }

        private void settle(Outcome o) {
            try {
                result = settle.apply(o);
            } catch (RuntimeException e) {
                // The message's fate is decided; what follows from it is secondary and must not
                // stop the other messages of the batch from being settled.
                LOG.warn("after storing message {} ({}): {}", message.id(), o, e.toString());
            }
            outcome = o;
        }
    }

    /** Inserts the waiting messages with each flush of this commit (embedded store only). */
    public void attach(GroupCommit commit) {
        if (batched) {
            commit.beforeFlush(this::insertWaiting);
        }
    }

    /**
     * Stores the message: at once on a real MongoDB, with the next flush on the embedded store. Ask
     * {@link GroupCommit#afterDurable} only after this call, so the flush covers the insert.
     *
     * @param settle runs once the insert's outcome is known, before the flush (see the class comment)
     * @throws RuntimeException on a real MongoDB, when the store fails (not for a duplicate send)
     */
    public <T> Write<T> write(StoredMessage message, Function<Outcome, T> settle) {
        var write = new Write<>(message, settle);
        if (batched) {
            waiting.add(write);
            return write;
        }
        try {
            messages.insert(message);
        } catch (ChatMessages.DuplicateSend e) {
            write.settle(Outcome.DUPLICATE);
            return write;
        }
        write.settle(Outcome.STORED);
        return write;
    }

    /** Inserts everything waiting in one bulk write and settles each message. Runs on the committer thread. */
    void insertWaiting() {
        List<Write<?>> batch = new ArrayList<>();
        for (Write<?> w = waiting.poll(); w != null; w = waiting.poll()) {
            batch.add(w);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Outcome> outcomes;
        try {
            outcomes = messages.insertEach(batch.stream().<StoredMessage>map(w -> w.message).toList());
        } catch (RuntimeException e) {
            batch.forEach(w -> w.settle(Outcome.FAILED));
            throw e;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).settle(outcomes.get(i));
        }
    }
}
