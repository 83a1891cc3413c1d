package io.skyscope.client;

import io.skyscope.protocol.rest.ChatSettings;
import io.skyscope.protocol.rest.ConversationCreate;
import io.skyscope.protocol.rest.ConversationList;
import io.skyscope.protocol.rest.ConversationView;
import io.skyscope.protocol.rest.MessagePage;
import io.skyscope.protocol.rest.NotificationList;
import io.skyscope.protocol.rest.ParticipantAdd;
import io.skyscope.protocol.rest.ReportCreate;
import io.skyscope.protocol.rest.ReportList;
import io.skyscope.protocol.rest.ReportView;
import io.skyscope.protocol.rest.SanctionList;
import io.skyscope.protocol.rest.SanctionRequest;
import io.skyscope.protocol.rest.SanctionView;
import io.skyscope.protocol.rest.UnreadList;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The chat side of the REST API: history, conversations, unread counts, notifications and
 * moderation. Thread-safe; every method takes the caller's access token. Live chat (sending,
 * receiving) goes over the WebSocket {@link Connection}.
 */
public final class ChatApi {
    private final SkyScopeApi api;

    public ChatApi(SkyScopeApi api) {
        this.api = api;
    }

    /** A page of a space's {@code space} (default) or {@code nearby} channel, newest first. */
    public MessagePage spaceMessages(String token, String spaceId, String channel, String before, Integer limit) {
        return api.send("GET", "api/v1/spaces/" + path(spaceId) + "/messages"
                + query("channel", channel, "before", before, "limit", limit), token, null, MessagePage.class);
    }

    public MessagePage conversationMessages(String token, String convId, String before, Integer limit) {
        return api.send("GET", "api/v1/conversations/" + path(convId) + "/messages"
                + query("before", before, "limit", limit), token, null, MessagePage.class);
    }

    /** Opens a direct conversation (one other person; the same one every time) or creates a group. */
    public ConversationView openConversation(String token, String spaceId, List<String> participants, String title) {
        return api.send("POST", "api/v1/spaces/" + path(spaceId) + "/conversations", token,
                new ConversationCreate(participants, title), ConversationView.class);
    }

    /**
     * All of the caller's conversations in the space, newest first, following the server's pages
     * (at most {@value SkyScopeApi#MAX_PAGES} of them).
     */
    public ConversationList conversations(String token, String spaceId) {
        List<ConversationView> all = new ArrayList<>();
        String before = null;
        for (int page = 0; page < SkyScopeApi.MAX_PAGES; page++) {
            ConversationList list = conversations(token, spaceId, before, null);
            all.addAll(list.conversations());
            before = list.nextBefore();
            if (before == null) {
                break;
            }
        }
        return new ConversationList(all, before);
    }

    /** One page of the caller's conversations in the space, newest first, older than {@code before}. */
    public ConversationList conversations(String token, String spaceId, String before, Integer limit) {
        return api.send("GET", "api/v1/spaces/" + path(spaceId) + "/conversations"
                + query("before", before, "limit", limit), token, null, ConversationList.class);
    }

    /** One of the caller's conversations; 404 when it is not one of theirs. */
    public ConversationView conversation(String token, String convId) {
        return api.send("GET", "api/v1/conversations/" + path(convId), token, null, ConversationView.class);
    }

    public ConversationView addParticipant(String token, String convId, String userId) {
        return api.send("POST", "api/v1/conversations/" + path(convId) + "/participants", token,
                new ParticipantAdd(userId), ConversationView.class);
    }

    public void leaveConversation(String token, String convId, String userId) {
        api.send("DELETE", "api/v1/conversations/" + path(convId) + "/participants/" + path(userId), token, null,
                Void.class);
    }

    public UnreadList unread(String token, String spaceId) {
        return api.send("GET", "api/v1/spaces/" + path(spaceId) + "/unread", token, null, UnreadList.class);
    }

    public NotificationList notifications(String token, String before, Integer limit) {
        return api.send("GET", "api/v1/notifications" + query("before", before, "limit", limit), token, null,
                NotificationList.class);
    }

    public void markNotificationRead(String token, String notificationId) {
        api.send("POST", "api/v1/notifications/" + path(notificationId) + "/read", token, null, Void.class);
    }

    public void markAllNotificationsRead(String token) {
        api.send("POST", "api/v1/notifications/read-all", token, null, Void.class);
    }

    public ReportView report(String token, String messageId, String reason) {
        return api.send("POST", "api/v1/messages/" + path(messageId) + "/reports", token, new ReportCreate(reason),
                ReportView.class);
    }

    public ReportList reports(String token, String spaceId, String before, Integer limit) {
        return api.send("GET", "api/v1/spaces/" + path(spaceId) + "/reports" + query("before", before, "limit", limit),
                token, null, ReportList.class);
    }

    public SanctionView ban(String token, String spaceId, String userId, String reason) {
        return api.send("PUT", "api/v1/spaces/" + path(spaceId) + "/bans/" + path(userId), token,
                new SanctionRequest(reason, null), SanctionView.class);
    }

    public void unban(String token, String spaceId, String userId) {
        api.send("DELETE", "api/v1/spaces/" + path(spaceId) + "/bans/" + path(userId), token, null, Void.class);
    }

    /** Mutes for {@code minutes}, or until lifted when null. */
    public SanctionView mute(String token, String spaceId, String userId, Integer minutes, String reason) {
        return api.send("PUT", "api/v1/spaces/" + path(spaceId) + "/mutes/" + path(userId), token,
                new SanctionRequest(reason, minutes), SanctionView.class);
    }

    public void unmute(String token, String spaceId, String userId) {
        api.send("DELETE", "api/v1/spaces/" + path(spaceId) + "/mutes/" + path(userId), token, null, Void.class);
    }

    public void kick(String token, String spaceId, String userId) {
        api.send("POST", "api/v1/spaces/" + path(spaceId) + "/members/" + path(userId) + "/kick", token, null,
                Void.class);
    }

    public SanctionList sanctions(String token, String spaceId) {
        return api.send("GET", "api/v1/spaces/" + path(spaceId) + "/sanctions", token, null, SanctionList.class);
    }

    public ChatSettings chatSettings(String token, String spaceId) {
        return api.send("GET", "api/v1/spaces/" + path(spaceId) + "/chat-settings", token, null, ChatSettings.class);
    }

    public ChatSettings updateChatSettings(String token, String spaceId, ChatSettings settings) {
        return api.send("PUT", "api/v1/spaces/" + path(spaceId) + "/chat-settings", token, settings,
                ChatSettings.class);
    }

    static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code ?a=1&b=2} from name/value pairs, leaving out null values; empty if all are null. */
    static String query(Object... pairs) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                q.add(pairs[i] + "=" + URLEncoder.encode(String.valueOf(pairs[i + 1]), StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }
}
