package io.skyscope.server.chat;

import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.rest.UnreadCount;
import io.skyscope.server.Refused;
import io.skyscope.server.chat.store.ChatKeys;
import io.skyscope.server.chat.store.ChatStores;
import io.skyscope.server.chat.store.StoredMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read markers and unread counts. A marker is the last number read in a channel's sequence (for
 * nearby: in the user's own nearby inbox), so an unread count is the channel's last number minus
 * the marker: no counting of messages, whatever the history's size.
 *
 * <p>Someone who enters a space for the first time starts with its history read: unread counts
 * what arrives after they first came. Threads: session and request threads; stateless.
 */
public final class ChatReads {
    private final ChatStores stores;
    private final ChatAccess access;
    private final ChatFanout fanout;

    public ChatReads(ChatStores stores, ChatAccess access, ChatFanout fanout) {
        this.stores = stores;
        this.access = access;
        this.fanout = fanout;
    }

    /** Moves the user's marker in the channel to the message and answers with {@code chat.unread}. */
    public void read(String userId, ChatCommand.Read cmd) {
        ChatKeys.Id id = ChatKeys.parse("messageId", cmd.messageId());
        Channel channel = Channel.of(id).filter(c -> c.wire().equals(cmd.channel()))
                .orElseThrow(() -> Refused.badRequest("messageId",
                        "'messageId' is not a message of channel '" + cmd.channel() + "'"));
        String spaceId;
        String key;
        long seq;
        switch (channel) {
            case Channel.Nearby _ -> {
                StoredMessage m = stores.messages().find(cmd.messageId())
                        .filter(x -> access.sees(userId, channel, x))
                        .orElseThrow(() -> Refused.notFound("No such message"));
                spaceId = m.spaceId();
                key = ChatKeys.inbox(spaceId, userId);
                seq = m.inboxSeq(userId);
            }
            case Channel.Conversation c -> {
                spaceId = access.participantOf(userId, c.id()).spaceId();
                key = id.key();
                seq = id.seq();
            }
            case Channel.Space s -> {
                spaceId = s.spaceId();
                access.requireReader(spaceId, userId);
                key = id.key();
                seq = id.seq();
            }
        }
        access.requireMayMarkRead(userId, channel, spaceId);
        stores.markers().advance(userId, key, seq);
        long count = stores.sequences().counter(key).countAfter(stores.markers().read(userId, key));
        fanout.toUser(userId, new ChatEvent.Unread(cmd.channel(), spaceId, count));
    }

    /**
     * The user entered a space: the first time, the space's history counts as read; then each
     * channel of the space with unread messages is reported with {@code chat.unread}.
     */
    public void entered(String userId, String spaceId) {
        String spaceKey = ChatKeys.space(spaceId);
        if (!stores.markers().exists(userId, spaceKey)) {
            stores.markers().advance(userId, spaceKey, stores.sequences().counter(spaceKey).seq());
        }
        for (UnreadCount c : counts(userId, spaceId)) {
            fanout.toUser(userId, new ChatEvent.Unread(c.channel(), spaceId, c.count()));
        }
    }

    /**
     * The user's channels in the space with unread messages: space, nearby, then conversations.
     *
     * @throws Refused 404 for a private space they are not in, 403 if they are banned from it
     *                      or not (yet) a member of a public one
     */
    public List<UnreadCount> unread(String userId, String spaceId) {
        access.requireReader(spaceId, userId);
        if (!access.isMember(spaceId, userId)) {
            throw Refused.forbidden("Unread counts are for members of the space; join it first");
        }
        return counts(userId, spaceId);
    }

    private List<UnreadCount> counts(String userId, String spaceId) {
        Map<String, String> channels = new LinkedHashMap<>();
        channels.put(ChatKeys.space(spaceId), Channel.SPACE);
        channels.put(ChatKeys.inbox(spaceId, userId), Channel.NEARBY);
        for (var conv : stores.conversations().ofUser(userId)) {
            if (conv.spaceId().equals(spaceId)) {
                var channel = new Channel.Conversation(conv.id());
                channels.put(channel.key(), channel.wire());
            }
        }
        var counters = stores.sequences().counters(channels.keySet());
        var read = stores.markers().read(userId, channels.keySet());
        List<UnreadCount> result = new ArrayList<>();
        channels.forEach((key, channel) -> {
            long count = counters.get(key).countAfter(read.get(key));
            if (count > 0) {
                result.add(new UnreadCount(channel, count));
            }
        });
        return result;
    }

    /** Unread count of one conversation for the user. */
    long unreadIn(String userId, String convId) {
        String key = ChatKeys.conversation(convId);
        return stores.sequences().counter(key).countAfter(stores.markers().read(userId, key));
    }
}
