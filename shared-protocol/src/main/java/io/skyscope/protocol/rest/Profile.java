package io.skyscope.protocol.rest;

import io.skyscope.protocol.Status;
import java.time.Instant;

/**
 * {@code GET /api/v1/me}: the signed-in account.
 *
 * @param email the account's verified email address, or null when it has none
 * @param photo the version of the profile photo (its ETag), or null when there is none
 */
public record Profile(String userId, String username, String displayName, String avatar, Status status,
                      String statusText, boolean serverAdmin, Instant createdAt, String email, String bio,
                      String pronouns, String jobTitle, String timeZone, String photo) {
}
