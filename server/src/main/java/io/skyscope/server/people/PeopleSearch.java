package io.skyscope.server.people;

import io.skyscope.protocol.rest.PersonMatch;
import io.skyscope.server.Refused;
import io.skyscope.server.auth.AccountRules;
import io.skyscope.server.limits.Pages;
import io.skyscope.server.limits.RateLimit;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Memberships.Membership;
import io.skyscope.server.store.Users;
import io.skyscope.server.store.Users.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds people by name among the members of the spaces the searcher belongs to, and nowhere else:
 * there is no global directory, so a stranger (someone who shares no space with the searcher) is
 * never found, on any server, by anyone (server admins included). The query matches the username
 * or the display name, case-insensitively, anywhere in it; names that start with it come first.
 * Guests are neither found nor allowed to search ({@code GuestPolicy}).
 *
 * <p>Limits: the query is 1 to {@value #QUERY_MAX} characters; {@value #SEARCHES_PER_HOUR} searches
 * an hour per user; at most {@value #SCAN_MAX} members are looked at per search (the spaces joined
 * first win), which bounds the cost of one search on a large server.
 *
 * <p>Thread-safe; called on HTTP request threads.
 */
public final class PeopleSearch {
    public static final int QUERY_MAX = 64;
    public static final int PAGE_MAX = 50;
    static final int SEARCHES_PER_HOUR = 600;
    static final int SCAN_MAX = 20_000;

    private final Memberships memberships;
    private final Users users;
    private final RateLimit searches = new RateLimit("people searches", SEARCHES_PER_HOUR);

    public PeopleSearch(Memberships memberships, Users users) {
        this.memberships = memberships;
        this.users = users;
    }

    /**
     * One page of the people matching {@code query}.
     *
     * @param after the previous page's {@code next}, or null
     * @param limit page size, null = {@value #PAGE_MAX}
     * @throws Refused 400 naming {@code q}, {@code limit} or {@code after}; 429 past the limit
     */
    public Pages.Page<PersonMatch> find(String userId, String query, String after, Integer limit) {
        String q = AccountRules.text("q", "The query", query == null ? "" : query, 1, QUERY_MAX)
                .toLowerCase(Locale.ROOT);
        int size = limit == null ? PAGE_MAX : limit;
        if (size < 1 || size > PAGE_MAX) {
            throw Refused.badRequest("limit", "'limit' must be 1 to " + PAGE_MAX);
        }
        searches.acquire(userId);
        Set<String> candidates = new LinkedHashSet<>();
        for (Membership mine : memberships.ofUser(userId)) {
            if (Memberships.GUEST.equals(mine.role())) {
                continue;
            }
            for (Membership m : memberships.ofSpace(mine.spaceId())) {
                if (candidates.size() >= SCAN_MAX) {
                    break;
                }
                if (!Memberships.GUEST.equals(m.role()) && !m.userId().equals(userId)) {
                    candidates.add(m.userId());
                }
            }
        }
        List<Found> found = new ArrayList<>();
        for (User u : users.findByIds(candidates)) {
            String username = u.username().toLowerCase(Locale.ROOT);
            String display = u.displayName().toLowerCase(Locale.ROOT);
            if (username.contains(q) || display.contains(q)) {
                boolean starts = username.startsWith(q) || display.startsWith(q);
                found.add(new Found((starts ? "0" : "1") + display + "\u0000" + u.id(),
                        new PersonMatch(u.id(), u.username(), u.displayName(), u.avatar())));
            }
        }
        found.sort(Comparator.comparing(Found::key));
        var page = Pages.page(found, Found::key, false, after, size, "after");
        return new Pages.Page<>(page.items().stream().map(Found::match).toList(), page.next());
    }

    private record Found(String key, PersonMatch match) {
    }
}
