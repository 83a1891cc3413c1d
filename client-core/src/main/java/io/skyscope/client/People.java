package io.skyscope.client;

import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.FollowSettings;
import io.skyscope.protocol.rest.FollowingList;
import io.skyscope.protocol.rest.ProfileCard;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Colleagues: profile cards with their follow figures, following and unfollowing, the Following
 * list (where each person you follow is: online, space, area, position, to Locate them or Go to
 * their space), the setting that turns being followed off, and the follow alerts that arrive while
 * connected ({@code notification} events of kind {@value #ONLINE} or {@value #ENTERED}).
 *
 * <p>The REST calls block the calling thread (not a UI thread); alerts are delivered on the
 * session's receiving thread. Thread-safe.
 */
public final class People {
    /** A notification kind: someone you follow came online. */
    public static final String ONLINE = "follow.online";
    /** A notification kind: someone you follow entered a space you may see ({@code spaceId}). */
    public static final String ENTERED = "follow.entered";

    private final Supplier<SkyScopeApi> api;
    private final Supplier<String> token;
    private final Session session;

    /** REST only, with an access token from {@code token} (no alerts: there is no connection). */
    public People(SkyScopeApi api, Supplier<String> token) {
        this(() -> api, token, null);
    }

    /** For a session, which may not be fully built yet: its api and tokens are looked up on each call. */
    People(Session session) {
        this(session::api, () -> session.tokens().accessToken(), session);
    }

    private People(Supplier<SkyScopeApi> api, Supplier<String> token, Session session) {
        this.api = api;
        this.token = token;
        this.session = session;
    }

    /** Someone's profile card, with followers, following and whether you follow them. */
    public ProfileCard card(String userId) {
        return api.get().profileCard(token.get(), userId);
    }

    /**
     * Follows someone whose card you may see.
     *
     * @throws ApiError 404 if you may not see them, 403 {@code not_followable}, 409
     *     {@code quota_exceeded}, 429 past the hourly limit
     */
    public void follow(String userId) {
        api.get().send("PUT", "api/v1/users/" + userId + "/follow", token.get(), null, Void.class);
    }

    public void unfollow(String userId) {
        api.get().send("DELETE", "api/v1/users/" + userId + "/follow", token.get(), null, Void.class);
    }

    /** The people you follow and where each is now. */
    public FollowingList following() {
        return api.get().send("GET", "api/v1/me/following", token.get(), null, FollowingList.class);
    }

    public boolean followable() {
        return api.get().send("GET", "api/v1/me/follow-settings", token.get(), null, FollowSettings.class).followable();
    }

    /** Turns being followed on or off; off removes everyone who follows you now. */
    public boolean setFollowable(boolean followable) {
        return api.get().send("PUT", "api/v1/me/follow-settings", token.get(), new FollowSettings(followable),
                FollowSettings.class).followable();
    }

    /** The follow alert {@code message} is, if it is one. */
    public static Optional<ChatEvent.Notification> alert(ServerMessage message) {
        return message instanceof ChatEvent.Notification n && (ONLINE.equals(n.kind()) || ENTERED.equals(n.kind()))
                ? Optional.of(n) : Optional.empty();
    }

    /** Calls {@code listener} with every follow alert the session receives from now on. */
    public void onAlert(Consumer<ChatEvent.Notification> listener) {
        requireSession().onMessage(m -> alert(m).ifPresent(listener));
    }

    /**
     * Waits for a follow alert of {@code kind} about {@code userId} (received since the inbox was
     * last cleared). @throws AssertionError if none comes in time
     */
    public ChatEvent.Notification awaitAlert(String kind, String userId, Duration timeout) {
        return requireSession().await(ChatEvent.Notification.class,
                n -> kind.equals(n.kind()) && userId.equals(n.fromUserId()), timeout);
    }

    private Session requireSession() {
        if (session == null) {
            throw new IllegalStateException("alerts arrive over a session's connection; this People has none");
        }
        return session;
    }
}
