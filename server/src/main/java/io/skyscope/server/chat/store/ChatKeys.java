package io.skyscope.server.chat.store;

import io.skyscope.server.Refused;

/**
 * Keys of the numbered sequences chat is stored in, and the ids built from them.
 *
 * <p>Every sequence (a space's channel, its nearby channel, a conversation, one user's nearby
 * inbox or notifications, a space's reports) has a key such as {@code s:<spaceId>} and numbers its
 * entries 1, 2, 3… without gaps (a counter per key). An entry's {@code _id} is the key, a colon and
 * the number zero-padded to 12 digits. So the page before entry {@code n} is exactly the ids
 * {@code n-1 … n-limit}: a handful of lookups on the unique {@code _id} index, which the embedded
 * store serves without scanning, however long the history. Ids of one sequence also sort in order.
 *
 * <p>Stateless.
 */
public final class ChatKeys {
    static final int SEQ_DIGITS = 12;
    private static final long MAX_SEQ = 999_999_999_999L;

    private ChatKeys() {
    }

    /** The space channel of a space. */
    public static String space(String spaceId) {
        return "s:" + spaceId;
    }

    /** The nearby channel of a space (message ids of nearby messages). */
    public static String nearby(String spaceId) {
        return "n:" + spaceId;
    }

    /** One user's nearby inbox in one space: the nearby messages they sent or received there. */
    public static String inbox(String spaceId, String userId) {
        return "i:" + spaceId + ":" + userId;
    }

    public static String conversation(String convId) {
        return "c:" + convId;
    }

    public static String notifications(String userId) {
        return "u:" + userId;
    }

    public static String reports(String spaceId) {
        return "r:" + spaceId;
    }

    public static String id(String key, long seq) {
        if (seq < 0 || seq > MAX_SEQ) {
            throw new IllegalArgumentException("sequence number out of range: " + seq);
        }
        String digits = Long.toString(seq);
        return key + ":" + "0".repeat(SEQ_DIGITS - digits.length()) + digits;
    }

    /** A parsed id: its sequence key and number. */
    public record Id(String key, long seq) {
        /** The kind letter: s, n, c, i, u or r. */
        public char kind() {
            return key.charAt(0);
        }

        /** The id of the sequence's space (s, n, i, r) or conversation (c). */
        public String scope() {
            int end = kind() == 'i' ? key.indexOf(':', 2) : key.length();
            return key.substring(2, end);
        }

        @Override
        public String toString() {
            return ChatKeys.id(key, seq);
        }
    }

    /**
     * Parses an id handed out by the server.
     *
     * @throws Refused 400 naming {@code field} if it is not one
     */
    public static Id parse(String field, String id) {
        int colon = id == null ? -1 : id.lastIndexOf(':');
        if (colon < 3 || id.length() - colon - 1 != SEQ_DIGITS || id.charAt(1) != ':'
                || "snciur".indexOf(id.charAt(0)) < 0) {
            throw Refused.badRequest(field, "'" + field + "' is not a message id");
        }
        long seq;
        try {
            seq = Long.parseLong(id.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw Refused.badRequest(field, "'" + field + "' is not a message id");
        }
        return new Id(id.substring(0, colon), seq);
    }
}
