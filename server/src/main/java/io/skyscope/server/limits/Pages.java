package io.skyscope.server.limits;

import io.skyscope.server.Refused;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list already sorted in memory, with an opaque cursor to the next page, the way
 * chat history pages work: the caller passes the previous page's cursor back and gets what comes
 * after it, even if items were added or removed meanwhile. A cursor is the sort key of the last
 * item returned ({@link #key}), so keys must order like the list (ascending or descending).
 *
 * <p>Stateless and thread-safe.
 */
public final class Pages {
    private static final int CURSOR_MAX = 200;

    private Pages() {
    }

    /** Items of one page and the cursor for the next one, null when there is nothing more. */
    public record Page<T>(List<T> items, String next) {
    }

    /** A sort key that orders by time, then by id, as text. */
    public static String key(Instant time, String id) {
        return String.format("%015d:%s", time.toEpochMilli(), id);
    }

    /**
     * @param sorted     the whole list, in page order
     * @param keyOf      each item's {@link #key}
     * @param descending whether {@code sorted} is in descending key order
     * @param cursor     the previous page's {@code next}, or null for the first page
     * @param field      the query parameter the cursor came in, for the error
     * @throws Refused 400 if the cursor is absurdly long
     */
    public static <T> Page<T> page(List<T> sorted, Function<T, String> keyOf, boolean descending, String cursor,
                                   int limit, String field) {
        if (cursor != null && cursor.length() > CURSOR_MAX) {
            throw Refused.badRequest(field, "'" + field + "' is not a cursor this server gave out");
        }
        int start = 0;
        if (cursor != null) {
            while (start < sorted.size() && !past(keyOf.apply(sorted.get(start)), cursor, descending)) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + limit);
        List<T> items = List.copyOf(sorted.subList(start, end));
        String next = end < sorted.size() && !items.isEmpty() ? keyOf.apply(items.getLast()) : null;
        return new Page<>(items, next);
    }

    private static boolean past(String key, String cursor, boolean descending) {
        int c = key.compareTo(cursor);
        return descending ? c < 0 : c > 0;
    }
}
