package io.skyscope.server.chat;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.server.Refused;
import io.skyscope.server.chat.store.Conversations;
import io.skyscope.server.chat.store.Sanctions;
import io.skyscope.server.chat.store.StoredMessage;
import io.skyscope.server.space.SpaceBans;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Users;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.function.Predicate;

/**
 * Who may do what in chat, in one place: every path (send, typing, edit, delete, read markers,
 * history, unread counts, conversations, reports, retention settings, moderation) asks here.
 *
 * <ul>
 *   <li>Reading a space's chat: sees the space (public, or a member) and is not banned.
 *   <li>Posting, typing, editing and read markers: a member of the space as it stands now (a member
 *       removed a moment ago may still hold a connection or a conversation there), not banned, and
 *       for posting and editing not muted.
 *   <li>Seeing a message: per {@link Channel} — members for the space channel, the recipients for
 *       nearby, the participants for a conversation.
 *   <li>Moderating: the space's admins and owner (or a server admin), over people of lower rank.
 * </ul>
 *
 * <p>Space visibility and roles come from {@link SpaceService}, bans and mutes from
 * {@link Sanctions}, participants from {@link Conversations}. Stateless and thread-safe.
 */
public final class ChatAccess {
    /** Ranks: a moderator acts only on people of lower rank. */
    static final int NONE = 0;
    static final int MEMBER = 1;
    static final int ADMIN = 2;
    static final int OWNER = 3;

    private final SpaceService spaces;
    private final Users users;
    private final Sanctions sanctions;
    private final Conversations conversations;
    private final Clock clock;

    public ChatAccess(SpaceService spaces, Users users, Sanctions sanctions, Conversations conversations, Clock clock) {
        this.spaces = spaces;
        this.users = users;
        this.sanctions = sanctions;
        this.conversations = conversations;
        this.clock = clock;
    }

    /** Where a sender posts: the channel, its space and, for a conversation, the conversation. */
    record Target(Channel channel, String spaceId, Conversations.Conversation conversation) {
    }

    /**
     * Resolves the channel a sender names and checks that they may post there, bans and mutes
     * aside ({@link #requireMaySend}): a participant of the conversation, and a member of the space.
     *
     * @param sessionSpaceId the space the sender's connection is in, or null
     * @throws Refused 409 {@code not_in_space} for space and nearby outside a space; 404 for a
     *     conversation the user is not in; 403 if not a member of the space
     */
    Target postingTo(String userId, String sessionSpaceId, String wireChannel) {
        Channel channel = Channel.fromWire(wireChannel, sessionSpaceId);
        return switch (channel) {
            case Channel.Conversation c -> {
                var conv = participantOf(userId, c.id());
                requireMember(conv.spaceId(), userId);
                yield new Target(c, conv.spaceId(), conv);
            }
            case Channel.Space s -> {
                requireMember(s.spaceId(), userId);
                yield new Target(s, s.spaceId(), null);
            }
            case Channel.Nearby n -> {
                requireMember(n.spaceId(), userId);
                yield new Target(n, n.spaceId(), null);
            }
        };
    }

    /**
     * May read the space's chat: sees the space (public, or a member) and is not banned.
     *
     * @throws Refused 404 if the space is unknown or hidden; 403 {@code banned}
     */
    void requireReader(String spaceId, String userId) {
        spaces.get(userId, spaceId);
        requireNotBanned(spaceId, userId);
    }

    void requireNotBanned(String spaceId, String userId) {
        if (sanctions.isBanned(spaceId, userId)) {
            throw banned();
        }
    }

    boolean isBanned(String spaceId, String userId) {
        return sanctions.isBanned(spaceId, userId);
    }

    /** @throws Refused 403 {@code banned} or {@code muted} (saying until when) */
    void requireMaySend(String spaceId, String userId) {
        var sanction = sanctions.find(spaceId, userId);
        if (sanction.isEmpty()) {
            return;
        }
        if (sanction.get().banned()) {
            throw banned();
        }
        Instant now = clock.instant();
        if (sanction.get().mutedAt(now)) {
            Instant until = sanction.get().mutedUntil();
            String when = until.equals(Sanctions.INDEFINITE) ? "until an admin lifts it"
                    : "until " + DateTimeFormatter.ISO_INSTANT.format(until.truncatedTo(ChronoUnit.SECONDS));
            throw new Refused(ErrorCode.MUTED, "An admin muted you in this space " + when);
        }
    }

    /** The conversation, if the user takes part in it. @throws Refused 404 otherwise */
    Conversations.Conversation participantOf(String userId, String convId) {
        return conversations.find(convId).filter(c -> c.includes(userId))
                .orElseThrow(() -> Refused.notFound("No such conversation"));
    }

    /**
     * The conversation, if the user takes part in it and is not banned from its space (to read it,
     * list it, or leave it).
     *
     * @throws Refused 404 if not a participant; 403 {@code banned}
     */
    Conversations.Conversation readableConversation(String userId, String convId) {
        var conv = participantOf(userId, convId);
        requireNotBanned(conv.spaceId(), userId);
        return conv;
    }

    /** Whether the channel's rule lets the user see the message, bans aside. */
    boolean sees(String userId, Channel channel, StoredMessage m) {
        return switch (channel) {
            case Channel.Space _ -> isMember(m.spaceId(), userId);
            case Channel.Nearby _ -> m.isRecipient(userId);
            case Channel.Conversation c -> conversations.find(c.id()).map(conv -> conv.includes(userId)).orElse(false);
        };
    }

    /** Whether the user may read the message now (to report it): sees it and is not banned. */
    boolean mayRead(String userId, Channel channel, StoredMessage m) {
        return !isBanned(m.spaceId(), userId) && sees(userId, channel, m);
    }

    /**
     * Whom a message in the channel may mention: who can read it. In the space channel, the
     * members who are not banned; elsewhere, those who receive it.
     */
    Predicate<String> mentionable(Channel channel, String spaceId, Collection<String> audience) {
        return switch (channel) {
            case Channel.Space _ -> id -> isMember(spaceId, id) && !isBanned(spaceId, id);
            case Channel.Nearby _, Channel.Conversation _ -> audience::contains;
        };
    }

    /**
     * Whether a message sent to the channel may reply to {@code original} of the same channel:
     * nearby, only to a message the sender received; elsewhere the sender's access to the channel
     * (checked by {@link #postingTo}) covers every message in it.
     */
    boolean mayReplyTo(String userId, Channel channel, StoredMessage original) {
        return switch (channel) {
            case Channel.Nearby _ -> original.isRecipient(userId);
            case Channel.Space _, Channel.Conversation _ -> true;
        };
    }

    /**
     * The message may be edited or deleted by the user, as far as seeing it goes: they sent it, the
     * channel lets them see it, or they moderate its space (moderators see every message there).
     *
     * @throws Refused 404 if not; 403 {@code banned}
     */
    void requireSeesForChange(String userId, Channel channel, StoredMessage m) {
        boolean sees = m.senderId().equals(userId) || sees(userId, channel, m)
                || rank(m.spaceId(), userId) >= ADMIN;
        if (!sees) {
            throw Refused.notFound("No such message");
        }
        requireNotBanned(m.spaceId(), userId);
    }

    /**
     * Only the sender edits, a message that is not deleted, while a member of its space and
     * neither banned nor muted there.
     *
     * @throws Refused 403, 409 {@code message_deleted}, 403 {@code banned} or {@code muted}
     */
    void requireMayEdit(String userId, StoredMessage m) {
        if (!m.senderId().equals(userId)) {
            throw Refused.forbidden("You can only edit your own messages");
        }
        if (m.deleted()) {
            throw Refused.conflict(ErrorCode.MESSAGE_DELETED, "messageId", "This message was deleted");
        }
        requireMember(m.spaceId(), userId);
        requireMaySend(m.spaceId(), userId);
    }

    /** The sender, or an admin or owner of the message's space, deletes. @throws Refused 403 otherwise */
    void requireMayDelete(String userId, StoredMessage m) {
        if (!m.senderId().equals(userId) && rank(m.spaceId(), userId) < ADMIN) {
            throw Refused.forbidden("You can only delete your own messages");
        }
    }

    /**
     * After the channel's own check (a space the user may read, a nearby message they received, a
     * conversation they are in): not banned, and for nearby and conversations a member of the
     * space as it stands now.
     *
     * @throws Refused 403 {@code banned}, or 403 if not a member
     */
    void requireMayMarkRead(String userId, Channel channel, String spaceId) {
        requireNotBanned(spaceId, userId);
        switch (channel) {
            case Channel.Space _ -> { }
            case Channel.Nearby _, Channel.Conversation _ -> requireMember(spaceId, userId);
        }
    }

    /** Owner (or server admin) 3, admin 2, member 1, anyone else 0. */
    int rank(String spaceId, String userId) {
        String role = spaces.role(userId, spaceId).orElse(null);
        if (Memberships.OWNER.equals(role) || users.findById(userId).map(Users.User::serverAdmin).orElse(false)) {
            return OWNER;
        }
        if (Memberships.ADMIN.equals(role)) {
            return ADMIN;
        }
        return role == null ? NONE : MEMBER;
    }

    boolean isMember(String spaceId, String userId) {
        return spaces.role(userId, spaceId).isPresent();
    }

    /**
     * For posting, editing, typing and read markers: a member of the space as it stands now (a
     * member removed a moment ago may still hold a connection or a conversation there).
     *
     * @throws Refused 403 if not
     */
    void requireMember(String spaceId, String userId) {
        if (!isMember(spaceId, userId)) {
            throw Refused.forbidden("You are not a member of this space");
        }
    }

    /**
     * The actor may moderate the target in the space: the actor is an admin or owner and outranks
     * the target.
     */
    void requireModerator(String spaceId, String actorId, String targetId) {
        int actor = requireModerator(spaceId, actorId);
        if (actorId.equals(targetId)) {
            throw Refused.badRequest("userId", "You can't do this to yourself");
        }
        if (rank(spaceId, targetId) >= actor) {
            throw Refused.forbidden("Only the owner can do this to an admin, and nobody to the owner");
        }
    }

    /** @return the actor's rank, at least admin */
    int requireModerator(String spaceId, String actorId) {
        spaces.get(actorId, spaceId);
        int actor = rank(spaceId, actorId);
        if (actor < ADMIN) {
            throw Refused.forbidden("Only the space's owner and admins can do this");
        }
        return actor;
    }

    /**
     * Sanctions follow rank: nobody lifts their own, and an admin cannot lift what someone of
     * higher rank (the owner) set.
     */
    void requireMayLift(String actorId, String spaceId, String userId) {
        int actor = requireModerator(spaceId, actorId);
        if (actorId.equals(userId)) {
            throw Refused.forbidden("You can't lift a sanction on yourself");
        }
        String setBy = sanctions.find(spaceId, userId).map(Sanctions.Sanction::by).orElse(null);
        if (setBy != null && !setBy.equals(actorId) && rank(spaceId, setBy) > actor) {
            throw Refused.forbidden("Only the owner can lift what the owner set");
        }
    }

    static Refused banned() {
        return SpaceBans.refusal();
    }
}
