package io.skyscope.protocol;

/** Protocol limits shared by client and server. */
public final class Limits {
    /** Protocol versions this build speaks; a client states its version with {@code ?protocol=N}. */
    public static final int PROTOCOL_VERSION = 1;
    public static final int[] SUPPORTED_PROTOCOL_VERSIONS = {1};

    /** Largest WebSocket text frame either side accepts; a larger one closes with 1009. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    public static final int MAX_REF_LENGTH = 64;
    public static final int MAX_ID_LENGTH = 64;
    /** An access token in an {@code auth} message. */
    public static final int MAX_TOKEN_LENGTH = 2048;
    public static final int MAX_STATUS_TEXT = 140;
    /** Largest WebRTC payload of a {@code signal}, in bytes of its JSON encoding. */
    public static final int MAX_SIGNAL_PAYLOAD_BYTES = 16 * 1024;
    /**
     * Largest SDP of a {@code media.video.publish} or {@code media.video.answer}, in bytes (UTF-8):
     * an answer takes about 1 KiB per picture received, and a room holds at most 50 people; what
     * is left of a frame is for the JSON around it.
     */
    public static final int MAX_VIDEO_SDP_BYTES = 56 * 1024;
    /** Upper bound of any map coordinate in pixels (512 tiles of 128 px). */
    public static final double MAX_COORDINATE = 65_536;
    /** Longest chat message, in characters (Unicode code points). */
    public static final int MAX_CHAT_TEXT = 4000;
    /** Length bounds of a chat.send {@code clientMessageId}. */
    public static final int MIN_CLIENT_MESSAGE_ID = 8;
    public static final int MAX_CLIENT_MESSAGE_ID = 64;
    /** Longest chat message id (channel key plus sequence number). */
    public static final int MAX_MESSAGE_ID_LENGTH = 128;
    /** Longest room (map area) name in etiquette and notes messages. */
    public static final int MAX_ROOM_NAME = 128;
    /** How long a door let in through stays open for the knocker: their next entry within it is admitted. */
    public static final int ROOM_PASS_SECONDS = 30;
    /** Most messages one history page returns; {@code limit} above this is capped. */
    public static final int MAX_HISTORY_PAGE = 100;

    /** Longest text of a room's notes, in characters (Unicode code points). */
    public static final int MAX_NOTES_TEXT = 256 * 1024;
    /** Largest saved Automerge document of a room's notes (its text and the history of edits), in bytes. */
    public static final int MAX_NOTES_STATE_BYTES = 2 * 1024 * 1024;
    /** Largest {@code changes} of one {@code notes.update}, decoded (base64 makes it a third larger). */
    public static final int MAX_NOTES_UPDATE_BYTES = 32 * 1024;
    /** Largest {@code data} of one {@code notes.state} part, decoded. */
    public static final int MAX_NOTES_PART_BYTES = 32 * 1024;
    /** Saved versions kept per room; the oldest goes first. */
    public static final int MAX_NOTES_VERSIONS = 50;

    /** Longest desk name (as the map names it). */
    public static final int MAX_DESK_NAME = 64;
    /** Longest note left on a desk, in UTF-16 units. */
    public static final int MAX_DESK_NOTE_TEXT = 500;
    /** Most unread notes one desk holds; further notes are refused until its holder reads some. */
    public static final int MAX_DESK_NOTES = 20;
    /** Most unread notes one person may have waiting on one desk. */
    public static final int MAX_DESK_NOTES_PER_SENDER = 3;

    private Limits() {
    }
}
