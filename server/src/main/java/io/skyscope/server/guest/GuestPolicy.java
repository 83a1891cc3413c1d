package io.skyscope.server.guest;

import io.javalin.http.Context;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.DeskCommand;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.EtiquetteCommand;
import io.skyscope.protocol.NotesCommand;
import io.skyscope.protocol.rest.ConversationCreate;
import io.skyscope.server.Refused;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.http.HttpJson;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a guest may do, in one place; everything else is refused with 403 {@code
 * guest_not_allowed}. Default-deny: a REST route or WebSocket message added later is closed to
 * guests until it is listed here (the message switch has no default, so a new message does not
 * compile until it is decided).
 *
 * <p>Guests may read their own space (the space, its members, map, voice settings, chat history
 * and unread counts), read the conversations they are in, and open a conversation with members who
 * accept messages from guests. Over the WebSocket they may be in their space (join it and no
 * other, move, status, voice, knock, wave, react, see who holds which desk) and chat there (send, edit and delete their own
 * messages, typing, reactions, read markers). They may not create spaces or invites, change a
 * profile or photo, search people, follow, moderate, lock rooms, take part in room notes, make a
 * stage speaker, or reach any other space.
 *
 * <p>Thread-safe (immutable); called on HTTP request threads and WebSocket threads.
 */
public final class GuestPolicy {
    /** The REST routes a guest may call, as method and path template. */
    static final Set<String> ROUTES = Set.of(
            "GET /api/v1/me",
            "GET /api/v1/spaces/{spaceId}",
            "GET /api/v1/spaces/{spaceId}/members",
            "GET /api/v1/spaces/{spaceId}/voice-settings",
            "GET /api/v1/spaces/{spaceId}/messages",
            "GET /api/v1/spaces/{spaceId}/unread",
            "GET /api/v1/spaces/{spaceId}/conversations",
            "GET /api/v1/conversations/{convId}",
            "GET /api/v1/conversations/{convId}/messages",
            "GET /api/v1/maps/{mapId}",
            "GET /api/v1/maps/{mapId}/images/{name}",
            "GET /api/v1/users/{userId}/photo",
            GuestPolicy.OPEN_CONVERSATION);
    static final String OPEN_CONVERSATION = "POST /api/v1/spaces/{spaceId}/conversations";
    /** More participants than a conversation may have; the check stops there. */
    private static final int MAX_PARTICIPANTS_CHECKED = 64;

    private final Predicate<String> acceptsMessages;

    /** @param acceptsMessages whether a member accepts direct messages from guests */
    public GuestPolicy(Predicate<String> acceptsMessages) {
        this.acceptsMessages = acceptsMessages;
    }

    /** A policy under which no member accepts messages from guests. */
    public static GuestPolicy closed() {
        return new GuestPolicy(userId -> false);
    }

    /**
     * Checks a REST request made with {@code user}'s token; members pass.
     *
     * @throws Refused 403 {@code guest_not_allowed} naming what a guest cannot do
     */
    public void requireRoute(AuthenticatedUser user, Context ctx) {
        if (!user.guest()) {
            return;
        }
        String route = ctx.method().name() + " " + ctx.endpoint().path;
        if (!ROUTES.contains(route)) {
            throw refused("Guests cannot do this (" + route + "); an account can");
        }
        String spaceId = ctx.pathParamMap().get("spaceId");
        if (spaceId != null && !spaceId.equals(user.guestSpaceId())) {
            throw refused("Guests can only reach the space they were invited to");
        }
        if (route.equals(OPEN_CONVERSATION)) {
            List<String> participants = HttpJson.read(ctx, ConversationCreate.class).participants();
            if (participants != null && participants.size() <= MAX_PARTICIPANTS_CHECKED) {
                for (String p : participants) {
                    if (p != null && !p.equals(user.userId()) && !acceptsMessages.test(p)) {
                        throw refused("This person does not accept direct messages from guests");
                    }
                }
            }
        }
    }

    /**
     * Checks a WebSocket message sent with {@code user}'s token; members pass.
     *
     * @throws Refused 403 {@code guest_not_allowed}
     */
    public static void requireMessage(AuthenticatedUser user, ClientMessage message) {
        if (!user.guest()) {
            return;
        }
        String refusal = switch (message) {
            case ClientMessage.Join join -> join.spaceId().equals(user.guestSpaceId()) ? null
                    : "enter other spaces than the one they were invited to";
            case ClientMessage.Leave _, ClientMessage.Move _, ClientMessage.StatusChange _, ClientMessage.Ping _,
                 ClientMessage.Auth _ -> null;
            case ClientMessage.VoiceCommand command -> switch (command) {
                case ClientMessage.VoiceCommand.Signal _, ClientMessage.VoiceCommand.VoiceState _,
                     ClientMessage.VoiceCommand.StageHand _, ClientMessage.VoiceCommand.WarmLinks _,
                     ClientMessage.VoiceCommand.MediaVideoPublish _, ClientMessage.VoiceCommand.MediaVideoUnpublish _,
                     ClientMessage.VoiceCommand.MediaVideoAnswer _ -> null;
                case ClientMessage.VoiceCommand.StageSpeaker _ -> "choose stage speakers";
                case ClientMessage.VoiceCommand.MegaphoneOn _, ClientMessage.VoiceCommand.MegaphoneOff _ ->
                        "use the megaphone";
                case ClientMessage.VoiceCommand.StageHands _ -> "see the raised hands";
            };
            case ChatCommand command -> switch (command) {
                case ChatCommand.Send _, ChatCommand.Edit _, ChatCommand.Delete _, ChatCommand.Typing _,
                     ChatCommand.Read _, ChatCommand.React _ -> null;
            };
            case EtiquetteCommand command -> switch (command) {
                case EtiquetteCommand.Lock _, EtiquetteCommand.Unlock _ -> "lock or unlock rooms";
                case EtiquetteCommand.Knock _, EtiquetteCommand.KnockAnswer _, EtiquetteCommand.Wave _,
                     EtiquetteCommand.React _ -> null;
            };
            case NotesCommand _ -> "use room notes";
            case DeskCommand command -> command instanceof DeskCommand.ListDesks ? null
                    : "claim desks, leave desk notes or change desk settings";
        };
        if (refusal != null) {
            throw refused("Guests cannot " + refusal);
        }
    }

    static Refused refused(String message) {
        return new Refused(ErrorCode.GUEST_NOT_ALLOWED, message);
    }
}
