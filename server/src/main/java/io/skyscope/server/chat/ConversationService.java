package io.skyscope.server.chat;

import io.skyscope.protocol.Check;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.InvalidFieldException;
import io.skyscope.protocol.rest.ConversationCreate;
import io.skyscope.protocol.rest.ConversationList;
import io.skyscope.protocol.rest.ConversationView;
import io.skyscope.server.Refused;
import io.skyscope.server.chat.store.ChatMessages;
import io.skyscope.server.chat.store.ChatStores;
import io.skyscope.server.chat.store.Conversations;
import io.skyscope.server.chat.store.Notifications;
import io.skyscope.server.limits.Pages;
import io.skyscope.server.limits.RateLimit;
import io.skyscope.server.store.GroupCommit;
import io.skyscope.server.store.Users;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Direct and group conversations of a space. A direct conversation's id is derived from the space
 * and the two people, so "message Ana" always opens the same one. Groups hold up to
 * {@value #MAX_PARTICIPANTS} people; whoever is added gets an {@code invite} notification.
 * Participants must be members of the space and not banned. How many people one user may add to
 * groups (new ones included), and how often one user may be added, are rate-limited, so nobody
 * can bury someone in invitations.
 *
 * <p>Threads: request threads; stateless.
 */
public final class ConversationService {
    public static final int MAX_PARTICIPANTS = 20;
    public static final int TITLE_MAX = 80;

    private final ChatStores stores;
    private final Users users;
    private final ChatAccess access;
    private final ChatReads reads;
    private final Notifier notifier;
    private final ChatFanout fanout;
    private final GroupCommit commit;
    private final Clock clock;
    private final RateLimit invitesSent;
    private final RateLimit invitesReceived;

    /**
     * @param invitesPerHour how many people one user may add to groups per hour (new groups
     *                       included), and how often one user may be added by others
     */
    public ConversationService(ChatStores stores, Users users, ChatAccess access, ChatReads reads, ChatFanout fanout,
                               GroupCommit commit, Clock clock, int invitesPerHour) {
        this.invitesSent = new RateLimit("people added to group conversations by you", invitesPerHour);
        this.invitesReceived = new RateLimit("invitations to group conversations for this person", invitesPerHour);
        this.stores = stores;
        this.users = users;
        this.access = access;
        this.reads = reads;
        this.notifier = new Notifier(stores.notifications());
        this.fanout = fanout;
        this.commit = commit;
        this.clock = clock;
    }

    /** A conversation as the caller sees it, and whether this call created it. */
    public record Opened(ConversationView conversation, boolean created) {
    }

    public Opened create(String userId, String spaceId, ConversationCreate body) {
        requireParticipant(spaceId, userId, "You must be a member of this space");
        Set<String> others = new LinkedHashSet<>(body.participants() == null ? List.of() : body.participants());
        others.remove(userId);
        if (others.isEmpty()) {
            throw Refused.badRequest("participants", "Name at least one other member of the space");
        }
        if (others.size() + 1 > MAX_PARTICIPANTS) {
            throw Refused.badRequest("participants",
                    "A conversation holds at most " + MAX_PARTICIPANTS + " people");
        }
        for (String other : others) {
            requireParticipant(spaceId, other, "User " + other + " is not a member of this space");
        }
        Instant now = ChatMessages.millis(clock.instant());
        if (others.size() == 1) {
            if (body.title() != null) {
                throw Refused.badRequest("title", "A direct conversation has no title");
            }
            String other = others.iterator().next();
            var direct = new Conversations.Conversation(directId(spaceId, userId, other), spaceId,
                    Conversations.DIRECT, null, List.of(userId, other), userId, now);
            boolean created = stores.conversations().insert(direct);
            commit.awaitDurable();
            return new Opened(view(userId, stores.conversations().find(direct.id()).orElseThrow()), created);
        }
        String title = title(body.title());
        admitInvites(userId, others);
        List<String> participants = new ArrayList<>();
        participants.add(userId);
        participants.addAll(others);
        var group = new Conversations.Conversation("g-" + randomId(), spaceId, Conversations.GROUP, title,
                participants, userId, now);
        stores.conversations().insert(group);
        invite(group, others, userId, now);
        return new Opened(view(userId, group), true);
    }

    /**
     * The caller's conversations in the space, newest first, a page at a time: up to {@code limit}
     * (as for history) older than the cursor {@code before} (a previous page's {@code nextBefore}).
     */
    public ConversationList list(String userId, String spaceId, String before, Integer limit) {
        access.requireReader(spaceId, userId);
        List<Conversations.Conversation> mine = stores.conversations().ofUser(userId).stream()
                .filter(c -> c.spaceId().equals(spaceId))
                .sorted(Comparator.comparing(ConversationService::key).reversed())
                .toList();
        var page = Pages.page(mine, ConversationService::key, true, before, ChatHistory.limit(limit), "before");
        return new ConversationList(page.items().stream().map(c -> view(userId, c)).toList(), page.next());
    }

    private static String key(Conversations.Conversation c) {
        return Pages.key(c.createdAt(), c.id());
    }

    public ConversationView get(String userId, String convId) {
        return view(userId, participantOf(userId, convId));
    }

    /** Adds a member of the space to a group the caller is in; they get an invite notification. */
    public ConversationView add(String userId, String convId, String newUserId) {
        var conv = participantOf(userId, convId);
        if (!Conversations.GROUP.equals(conv.kind())) {
            throw Refused.badRequest("userId", "People can be added to groups only; start a group instead");
        }
        if (newUserId == null || newUserId.isBlank()) {
            throw Refused.badRequest("userId", "'userId' is required");
        }
        if (conv.includes(newUserId)) {
            return view(userId, conv);
        }
        if (conv.participants().size() + 1 > MAX_PARTICIPANTS) {
            throw Refused.conflict(ErrorCode.CONVERSATION_FULL, "userId",
                    "A conversation holds at most " + MAX_PARTICIPANTS + " people");
        }
        requireParticipant(conv.spaceId(), newUserId, "User " + newUserId + " is not a member of this space");
        admitInvites(userId, Set.of(newUserId));
        stores.conversations().addParticipant(convId, newUserId);
        invite(conv, Set.of(newUserId), userId, ChatMessages.millis(clock.instant()));
        return view(userId, stores.conversations().find(convId).orElseThrow());
    }

    /** Leaves a conversation; only for oneself. */
    public void leave(String userId, String convId, String leaverId) {
        participantOf(userId, convId);
        if (!userId.equals(leaverId)) {
            throw Refused.forbidden("You can only remove yourself from a conversation");
        }
        stores.conversations().removeParticipant(convId, userId);
        commit.awaitDurable();
    }

    /**
     * Counts invitations against the inviter and against each invited person, so that neither one
     * account nor many together can bury someone in groups.
     *
     * @throws Refused 429 with the time until it is allowed
     */
    private void admitInvites(String inviterId, Set<String> invited) {
        invitesSent.acquire(inviterId, invited.size());
        for (String userId : invited) {
            invitesReceived.acquire(userId);
        }
    }

    private Conversations.Conversation participantOf(String userId, String convId) {
        return access.readableConversation(userId, convId);
    }

    private void requireParticipant(String spaceId, String userId, String problem) {
        if (!access.isMember(spaceId, userId)) {
            throw Refused.badRequest("participants", problem);
        }
        if (access.isBanned(spaceId, userId)) {
            throw Refused.badRequest("participants", "User " + userId + " is banned from this space");
        }
    }

    private void invite(Conversations.Conversation conv, Set<String> invited, String byUserId, Instant now) {
        String byName = users.findById(byUserId).map(Users.User::displayName).orElse(byUserId);
        List<Notifier.Outgoing> notes = new ArrayList<>();
        for (String userId : invited) {
            notes.add(notifier.create(userId, Notifications.INVITE, conv.spaceId(),
                    new Channel.Conversation(conv.id()).wire(), null, byUserId, byName, conv.title(), now));
        }
        commit.awaitDurable();
        notes.forEach(n -> fanout.toUser(n.userId(), n.event()));
    }

    private ConversationView view(String userId, Conversations.Conversation c) {
        return new ConversationView(c.id(), c.spaceId(), c.kind(), c.title(), c.participants(), c.createdBy(),
                c.createdAt(), reads.unreadIn(userId, c.id()));
    }

    private static String title(String title) {
        if (title == null) {
            return null;
        }
        try {
            return Check.text("title", title.strip(), 1, TITLE_MAX);
        } catch (InvalidFieldException e) {
            throw Refused.badRequest("title", e.getMessage());
        }
    }

    /** The same id for the same two people in the same space, whoever starts it. */
    static String directId(String spaceId, String a, String b) {
        String first = a.compareTo(b) < 0 ? a : b;
        String second = first.equals(a) ? b : a;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((spaceId + "\n" + first + "\n" + second).getBytes(StandardCharsets.UTF_8));
            return "d-" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String randomId() {
        UUID u = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
