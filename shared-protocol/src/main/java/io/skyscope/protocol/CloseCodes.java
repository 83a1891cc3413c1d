package io.skyscope.protocol;

/** WebSocket close codes the server uses besides the standard ones (1000, 1001, 1009, 1011). */
public final class CloseCodes {
    /** The same user connected again; this older connection is closed. */
    public static final int REPLACED = 4001;
    /** The client stated a protocol version the server does not speak. */
    public static final int UNSUPPORTED_PROTOCOL = 4002;
    /**
     * Signed out: this session's sign-in ended (sign-out), the password changed, the account signed
     * out everywhere, or was deleted. Sign in again.
     */
    public static final int SIGNED_OUT = 4003;
    /** The access token the connection is bound to expired and no fresh one came in an {@code auth} message. */
    public static final int TOKEN_EXPIRED = 4004;
    /** The client did not read its frames fast enough; its outbound queue overflowed. */
    public static final int TOO_SLOW = 4008;
    /** A space admin removed this user from the space; they may join again. */
    public static final int KICKED = 4010;
    /** A space admin banned this user from the space; joining it again is refused. */
    public static final int BANNED = 4011;
    /** The user is no longer a member of the space (removed, or left it); a private space stays closed. */
    public static final int REMOVED = 4012;
    /** The client kept sending after being rate-limited. */
    public static final int FLOODING = 4029;

    private CloseCodes() {
    }
}
