package io.skyscope.server.chat;

import io.skyscope.protocol.rest.ChatSettings;
import io.skyscope.server.Refused;
import io.skyscope.server.chat.store.ChatKeys;
import io.skyscope.server.chat.store.ChatStores;
import io.skyscope.server.chat.store.StoredMessage;
import io.skyscope.server.store.GroupCommit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-space retention: keep messages forever (the default) or for N days. The embedded store has
 * no TTL indexes, so a periodic {@link #sweep()} deletes expired messages: it walks each channel
 * of the space from its oldest number upwards (numbers follow time) until it meets a message
 * young enough to keep, and raises the channel's floor so pages and counts ignore what is gone.
 * Nearby messages take their inbox entries with them.
 *
 * <p>Threads: settings on request threads; {@link #sweep()} on the housekeeping thread.
 */
public final class ChatRetention {
    private static final Logger LOG = LoggerFactory.getLogger(ChatRetention.class);
    public static final int MAX_DAYS = 36_500;
    private static final int WINDOW = 500;

    private final ChatStores stores;
    private final ChatAccess access;
    private final GroupCommit commit;
    private final Clock clock;

    public ChatRetention(ChatStores stores, ChatAccess access, GroupCommit commit, Clock clock) {
        this.stores = stores;
        this.access = access;
        this.commit = commit;
        this.clock = clock;
    }

    public ChatSettings settings(String userId, String spaceId) {
        access.requireReader(spaceId, userId);
        return new ChatSettings(stores.settings().retentionDays(spaceId));
    }

    /** Owner and admins only. {@code retentionDays} null keeps messages forever. */
    public ChatSettings update(String userId, String spaceId, ChatSettings settings) {
        access.requireModerator(spaceId, userId);
        Integer days = settings.retentionDays();
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw Refused.badRequest("retentionDays", "'retentionDays' must be 1 to " + MAX_DAYS
                    + ", or null to keep messages forever");
        }
        stores.settings().setRetentionDays(spaceId, days);
        commit.awaitDurable();
        LOG.info("user {} set chat retention of space {} to {}", userId, spaceId,
                days == null ? "forever" : days + " days");
        return new ChatSettings(days);
    }

    /** Deletes every message older than its space's retention; returns how many. */
    public long sweep() {
        long deleted = 0;
        Instant now = clock.instant();
        for (var entry : stores.settings().withRetention().entrySet()) {
            String spaceId = entry.getKey();
            Instant cutoff = now.minus(Duration.ofDays(entry.getValue()));
            List<String> keys = new ArrayList<>(List.of(new Channel.Space(spaceId).key(),
                    new Channel.Nearby(spaceId).key()));
            stores.conversations().idsOfSpace(spaceId).forEach(id -> keys.add(new Channel.Conversation(id).key()));
            for (String key : keys) {
                deleted += sweep(key, cutoff);
            }
        }
        if (deleted > 0) {
            commit.awaitDurable();
            LOG.info("retention deleted {} messages", deleted);
        }
        return deleted;
    }

    /** Deletes the messages of one channel sent before {@code cutoff}. */
    long sweep(String key, Instant cutoff) {
        var counter = stores.sequences().counter(key);
        long deleted = 0;
        long lastDeleted = -1;
        for (long lo = counter.floor(); lo <= counter.seq(); lo += WINDOW) {
            List<String> ids = new ArrayList<>();
            for (long seq = lo; seq < lo + WINDOW && seq <= counter.seq(); seq++) {
                ids.add(ChatKeys.id(key, seq));
            }
            Map<String, StoredMessage> found = stores.messages().findAll(ids);
            List<String> expired = new ArrayList<>();
            Map<String, Long> inboxFloors = new HashMap<>();
            List<String> inboxIds = new ArrayList<>();
            boolean keep = false;
            for (String id : ids) {
                StoredMessage m = found.get(id);
                if (m == null) {
                    continue;
                }
                if (!m.sentAt().isBefore(cutoff)) {
                    keep = true;
                    break;
                }
                expired.add(id);
                lastDeleted = ChatKeys.parse("id", id).seq();
                for (var e : m.inbox()) {
                    String inboxKey = ChatKeys.inbox(m.spaceId(), e.userId());
                    inboxIds.add(ChatKeys.id(inboxKey, e.seq()));
                    inboxFloors.merge(inboxKey, e.seq() + 1, Math::max);
                }
            }
            deleted += stores.messages().deleteAll(expired);
            stores.inboxes().deleteAll(inboxIds);
            inboxFloors.forEach((k, floor) -> stores.counters().raiseFloor(k, floor));
            if (keep) {
                break;
            }
        }
        // Only up to the last deleted message: a number above it may belong to a send in flight.
        if (lastDeleted > 0) {
            stores.counters().raiseFloor(key, lastDeleted + 1);
        }
        return deleted;
    }
}
