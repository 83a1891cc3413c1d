package io.skyscope.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every error code the server sends, in a REST error body ({@code code}) or a WebSocket {@code
 * error} frame. The wire form is {@link #wire()}; docs/protocol.md documents each one (a test
 * keeps the two in step). What a code means as an HTTP status is decided once, by the server's
 * REST error handler.
 */
public enum ErrorCode {
    INVALID_JSON("invalid_json"),
    UNKNOWN_TYPE("unknown_type"),
    INVALID_FIELD("invalid_field"),
    BAD_REQUEST("bad_request"),
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    NOT_FOUND("not_found"),
    USERNAME_TAKEN("username_taken"),
    EMAIL_TAKEN("email_taken"),
    CODE_INVALID("code_invalid"),
    CODE_EXPIRED("code_expired"),
    EMAIL_NOT_CONFIGURED("email_not_configured"),
    SSO_NOT_CONFIGURED("sso_not_configured"),
    SSO_ONLY("sso_only"),
    SSO_STATE_INVALID("sso_state_invalid"),
    SSO_STATE_EXPIRED("sso_state_expired"),
    SSO_REFUSED("sso_refused"),
    SSO_PROVIDER_UNAVAILABLE("sso_provider_unavailable"),
    NOT_IN_SPACE("not_in_space"),
    NOT_IN_VOICE_SET("not_in_voice_set"),
    NOTES_TOO_LARGE("notes_too_large"),
    AUDIENCE_FULL("audience_full"),
    MEDIA_UNAVAILABLE("media_unavailable"),
    NOT_IN_AUDIENCE("not_in_audience"),
    UNKNOWN_ROOM("unknown_room"),
    NOT_IN_ROOM("not_in_room"),
    ROOM_NOT_LOCKED("room_not_locked"),
    ROOM_EMPTY("room_empty"),
    NOT_PRESENT("not_present"),
    NOT_NEARBY("not_nearby"),
    NOT_DO_NOT_DISTURB("not_do_not_disturb"),
    NO_KNOCK("no_knock"),
    UNKNOWN_DESK("unknown_desk"),
    DESK_TAKEN("desk_taken"),
    HAS_DESK("has_desk"),
    DESK_FREE("desk_free"),
    HOLDER_PRESENT("holder_present"),
    BANNED("banned"),
    MUTED("muted"),
    RATE_LIMITED("rate_limited"),
    TOO_LARGE("too_large"),
    QUOTA_EXCEEDED("quota_exceeded"),
    TOO_MANY_INVITES("too_many_invites"),
    OWNER_CANNOT_LEAVE("owner_cannot_leave"),
    OWNER_ROLE("owner_role"),
    OWNS_SPACES("owns_spaces"),
    DEFAULT_SPACE("default_space"),
    CONVERSATION_FULL("conversation_full"),
    MESSAGE_DELETED("message_deleted"),
    ALREADY_REPORTED("already_reported"),
    UNAVAILABLE("unavailable"),
    STORE_UNAVAILABLE("store_unavailable"),
    UNSUPPORTED_PROTOCOL("unsupported_protocol"),
    REPLACED("replaced"),
    FLOODING("flooding"),
    SIGNED_OUT("signed_out"),
    TOKEN_EXPIRED("token_expired"),
    REMOVED("removed"),
    KICKED("kicked"),
    NOT_FOLLOWABLE("not_followable"),
    GUEST_NOT_ALLOWED("guest_not_allowed"),
    TOO_MANY_GUEST_LINKS("too_many_guest_links"),
    GUEST_LINK_FULL("guest_link_full"),
    INTERNAL("internal");

    private static final Map<String, ErrorCode> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::wire, Function.identity()));

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as sent: lower case with underscores. */
    public String wire() {
        return wire;
    }

    /** The code with this wire form, or null if there is none. */
    public static ErrorCode fromWire(String wire) {
        return BY_WIRE.get(wire);
    }
}
