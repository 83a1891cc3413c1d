package io.skyscope.server.chat;

import io.skyscope.protocol.Check;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.InvalidFieldException;
import io.skyscope.protocol.rest.ReportList;
import io.skyscope.protocol.rest.ReportView;
import io.skyscope.protocol.rest.SanctionView;
import io.skyscope.server.Refused;
import io.skyscope.server.chat.store.ChatKeys;
import io.skyscope.server.chat.store.ChatMessages;
import io.skyscope.server.chat.store.ChatStores;
import io.skyscope.server.chat.store.Reports;
import io.skyscope.server.chat.store.Sanctions;
import io.skyscope.server.chat.store.StoredMessage;
import io.skyscope.server.space.SpaceExits;
import io.skyscope.server.store.GroupCommit;
import io.skyscope.server.store.Memberships;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports, mutes, kicks and bans. Anyone who can see a message may report it; the space's owner
 * and admins list reports and act on people of lower rank: mute (no chat, for a while or until
 * lifted), kick (their connection to the space is closed; they may come back) and ban (kicked,
 * removed from the members, and refused entry, chat and history until unbanned).
 *
 * <p>Threads: request threads; stateless.
 */
public final class Moderation {
    private static final Logger LOG = LoggerFactory.getLogger(Moderation.class);
    public static final int REASON_MAX = 500;
    public static final long MAX_MUTE_MINUTES = 525_600;

    private final ChatStores stores;
    private final ChatAccess access;
    private final Memberships memberships;
    private final SpaceExits exits;
    private final GroupCommit commit;
    private final Clock clock;

    public Moderation(ChatStores stores, ChatAccess access, Memberships memberships, SpaceExits exits,
                      GroupCommit commit, Clock clock) {
        this.stores = stores;
        this.access = access;
        this.memberships = memberships;
        this.exits = exits;
        this.commit = commit;
        this.clock = clock;
    }

    /** Reports a message the caller can see to the admins of its space. */
    public ReportView report(String userId, String messageId, String reason) {
        Optional<Channel> channel = Channel.of(ChatKeys.parse("messageId", messageId));
        StoredMessage m = stores.messages().find(messageId)
                .filter(x -> channel.isPresent() && access.mayRead(userId, channel.get(), x))
                .orElseThrow(() -> Refused.notFound("No such message"));
        String why = text("reason", reason);
        Instant now = ChatMessages.millis(clock.instant());
        String reportId = stores.reports().add(m, userId, why, now);
        if (reportId == null) {
            throw Refused.conflict(ErrorCode.ALREADY_REPORTED, "messageId", "You have already reported this message");
        }
        commit.awaitDurable();
        LOG.info("user {} reported message {} in space {}", userId, messageId, m.spaceId());
        return new ReportView(reportId, m.spaceId(), m.id(), m.channel(), m.senderId(), m.senderName(), m.text(),
                userId, why, now);
    }

    public ReportList reports(String userId, String spaceId, String before, Integer limit) {
        access.requireModerator(spaceId, userId);
        long below = Long.MAX_VALUE;
        if (before != null) {
            ChatKeys.Id id = ChatKeys.parse("before", before);
            if (!id.key().equals(ChatKeys.reports(spaceId))) {
                throw Refused.badRequest("before", "'before' is not a report of this space");
            }
            below = id.seq();
        }
        var page = stores.reports().page(spaceId, below, ChatHistory.limit(limit));
        return new ReportList(page.documents().stream().map(Reports::view).toList(), page.nextBefore());
    }

    public SanctionView ban(String actorId, String spaceId, String userId, String reason) {
        access.requireModerator(spaceId, actorId, userId);
        Instant now = clock.instant();
        stores.sanctions().ban(spaceId, userId, text("reason", reason), actorId, now);
        memberships.remove(spaceId, userId);
        commit.awaitDurable();
        exits.exit(userId, spaceId, SpaceExits.Exit.BANNED);
        LOG.info("user {} banned {} from space {}", actorId, userId, spaceId);
        return current(spaceId, userId);
    }

    public void unban(String actorId, String spaceId, String userId) {
        access.requireMayLift(actorId, spaceId, userId);
        stores.sanctions().unban(spaceId, userId);
        commit.awaitDurable();
        LOG.info("user {} lifted the ban of {} in space {}", actorId, userId, spaceId);
    }

    public SanctionView mute(String actorId, String spaceId, String userId, Integer minutes, String reason) {
        access.requireModerator(spaceId, actorId, userId);
        if (minutes != null && (minutes < 1 || minutes > MAX_MUTE_MINUTES)) {
            throw Refused.badRequest("minutes", "'minutes' must be 1 to " + MAX_MUTE_MINUTES + ", or absent");
        }
        Instant now = clock.instant();
        Instant until = minutes == null ? Sanctions.INDEFINITE : now.plus(Duration.ofMinutes(minutes));
        stores.sanctions().mute(spaceId, userId, until, text("reason", reason), actorId, now);
        commit.awaitDurable();
        LOG.info("user {} muted {} in space {} until {}", actorId, userId, spaceId, until);
        return current(spaceId, userId);
    }

    public void unmute(String actorId, String spaceId, String userId) {
        access.requireMayLift(actorId, spaceId, userId);
        stores.sanctions().unmute(spaceId, userId);
        commit.awaitDurable();
    }

    /** Closes the user's connection to the space; they may join again. */
    public void kick(String actorId, String spaceId, String userId) {
        access.requireModerator(spaceId, actorId, userId);
        exits.exit(userId, spaceId, SpaceExits.Exit.KICKED);
        LOG.info("user {} kicked {} from space {}", actorId, userId, spaceId);
    }

    public List<SanctionView> sanctions(String actorId, String spaceId) {
        access.requireModerator(spaceId, actorId);
        return stores.sanctions().ofSpace(spaceId, clock.instant()).stream().map(Sanctions.Sanction::view).toList();
    }

    private SanctionView current(String spaceId, String userId) {
        return stores.sanctions().find(spaceId, userId).map(Sanctions.Sanction::view).orElseThrow();
    }

    private static String text(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Check.text(field, value.strip(), 0, REASON_MAX);
        } catch (InvalidFieldException e) {
            throw Refused.badRequest(field, e.getMessage());
        }
    }
}
