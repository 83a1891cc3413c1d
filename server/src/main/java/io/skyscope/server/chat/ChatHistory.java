package io.skyscope.server.chat;

import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.Limits;
import io.skyscope.protocol.rest.MessagePage;
import io.skyscope.server.Refused;
import io.skyscope.server.chat.store.ChatKeys;
import io.skyscope.server.chat.store.ChatStores;
import io.skyscope.server.chat.store.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * History pages over REST, newest first, with keyset cursors: a page is read by exact ids
 * ({@link io.skyscope.server.chat.store.SeqPages}), never by scanning, so the thousandth page is as quick as the first.
 *
 * <p>Access: the space's history to whoever may see the space and is not banned; nearby history
 * is each person's own (what they sent or received); a conversation's to its participants.
 * Threads: request threads; stateless.
 */
public final class ChatHistory {
    public static final int DEFAULT_LIMIT = 50;

    private final ChatStores stores;
    private final ChatAccess access;

    public ChatHistory(ChatStores stores, ChatAccess access) {
        this.stores = stores;
        this.access = access;
    }

    /**
     * A page of a space's {@code space} or {@code nearby} channel.
     *
     * @param before a message id or a {@code nextBefore} cursor of this channel, or null for the newest
     */
    public MessagePage space(String userId, String spaceId, String channel, String before, Integer limit) {
        int n = limit(limit);
        access.requireReader(spaceId, userId);
        if (channel == null || channel.equals(Channel.SPACE)) {
            return page(new Channel.Space(spaceId).key(), before, n);
        }
        if (!channel.equals(Channel.NEARBY)) {
            throw Refused.badRequest("channel", "'channel' must be 'space' or 'nearby'");
        }
        String inboxKey = ChatKeys.inbox(spaceId, userId);
        long below = Long.MAX_VALUE;
        if (before != null) {
            ChatKeys.Id id = ChatKeys.parse("before", before);
            if (id.key().equals(inboxKey)) {
                below = id.seq();
            } else if (id.key().equals(new Channel.Nearby(spaceId).key())) {
                below = stores.messages().find(before).map(m -> m.inboxSeq(userId)).filter(s -> s > 0)
                        .orElseThrow(() -> Refused.badRequest("before", "'before' names no message you received"));
            } else {
                throw Refused.badRequest("before", "'before' is not a message of this channel");
            }
        }
        var page = stores.inboxes().page(inboxKey, below, stores.sequences().counter(inboxKey), n);
        Map<String, StoredMessage> byId = stores.messages().findAll(page.messageIds());
        List<ChatMessage> messages = new ArrayList<>();
        for (String id : page.messageIds()) {
            StoredMessage m = byId.get(id);
            if (m != null) {
                messages.add(m.view());
            }
        }
        return new MessagePage(messages, page.nextBefore());
    }

    /** A page of a conversation the user takes part in. */
    public MessagePage conversation(String userId, String convId, String before, Integer limit) {
        int n = limit(limit);
        access.readableConversation(userId, convId);
        return page(new Channel.Conversation(convId).key(), before, n);
    }

    private MessagePage page(String key, String before, int limit) {
        long below = Long.MAX_VALUE;
        if (before != null) {
            ChatKeys.Id id = ChatKeys.parse("before", before);
            if (!id.key().equals(key)) {
                throw Refused.badRequest("before", "'before' is not a message of this channel");
            }
            below = id.seq();
        }
        var page = stores.messages().page(key, below, stores.sequences().counter(key), limit);
        return new MessagePage(page.messages().stream().map(StoredMessage::view).toList(), page.nextBefore());
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1) {
            throw Refused.badRequest("limit", "'limit' must be at least 1");
        }
        return Math.min(limit, Limits.MAX_HISTORY_PAGE);
    }
}
