package io.skyscope.client;

import io.skyscope.protocol.rest.GuestJoin;
import io.skyscope.protocol.rest.GuestJoined;
import io.skyscope.protocol.rest.GuestLinkCreate;
import io.skyscope.protocol.rest.GuestLinkList;
import io.skyscope.protocol.rest.GuestLinkView;
import io.skyscope.protocol.rest.GuestMessages;
import io.skyscope.protocol.rest.InviteView;

/**
 * Invites and guests over REST: making invite and guest links (owner or admin), joining by a guest
 * link, and a member's "accept direct messages from guests" setting. Thread-safe; methods that act
 * for a user take the access token.
 */
public final class GuestApi {
    private final SkyScopeApi api;

    public GuestApi(SkyScopeApi api) {
        this.api = api;
    }

    /** A new invite to the space (its {@code link} and {@code appLink} are ready to pass on). */
    public InviteView createInvite(String token, String spaceId) {
        return api.send("POST", "api/v1/spaces/" + ChatApi.path(spaceId) + "/invites", token, null, InviteView.class);
    }

    /**
     * A new guest link.
     *
     * @param lifetimeSeconds null for the server's default (a day); at most 7 days
     * @param maxGuests       null for the server's default
     */
    public GuestLinkView createGuestLink(String token, String spaceId, Long lifetimeSeconds, Integer maxGuests) {
        return api.send("POST", "api/v1/spaces/" + ChatApi.path(spaceId) + "/guest-links", token,
                new GuestLinkCreate(lifetimeSeconds, maxGuests), GuestLinkView.class);
    }

    public GuestLinkList guestLinks(String token, String spaceId) {
        return api.send("GET", "api/v1/spaces/" + ChatApi.path(spaceId) + "/guest-links", token, null,
                GuestLinkList.class);
    }

    /** Revokes a guest link; its guests are disconnected. */
    public void revokeGuestLink(String token, String spaceId, String code) {
        api.send("DELETE", "api/v1/spaces/" + ChatApi.path(spaceId) + "/guest-links/" + ChatApi.path(code), token,
                null, Void.class);
    }

    /** Joins as a guest; the tokens are good for the link's space only, until the link expires. */
    public GuestJoined join(String code, String displayName) {
        return api.send("POST", "api/v1/guest-links/" + ChatApi.path(code) + "/join", null, new GuestJoin(displayName),
                GuestJoined.class);
    }

    public boolean acceptsGuestMessages(String token) {
        return api.send("GET", "api/v1/me/guest-messages", token, null, GuestMessages.class).allow();
    }

    public void setAcceptsGuestMessages(String token, boolean allow) {
        api.send("PUT", "api/v1/me/guest-messages", token, new GuestMessages(allow), GuestMessages.class);
    }
}
