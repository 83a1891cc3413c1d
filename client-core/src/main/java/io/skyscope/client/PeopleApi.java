package io.skyscope.client;

import io.skyscope.protocol.rest.PeopleList;

/**
 * Finding people by name among the spaces the caller shares with them. Thread-safe; methods take
 * the caller's access token.
 */
public final class PeopleApi {
    private final SkyScopeApi api;

    public PeopleApi(SkyScopeApi api) {
        this.api = api;
    }

    /**
     * One page of the people whose username or display name contains {@code query} (case does not
     * matter), among the members of the spaces the caller is in.
     *
     * @param after the previous page's {@code next}, or null
     * @param limit page size, or null for the server's (50)
     */
    public PeopleList find(String token, String query, String after, Integer limit) {
        return api.send("GET", "api/v1/people" + ChatApi.query("q", query, "after", after, "limit", limit), token,
                null, PeopleList.class);
    }
}
