package io.skyscope.protocol.rest;

import io.skyscope.protocol.Status;

/**
 * {@code GET /api/v1/users/{userId}}: what people who share a space with someone see on their
 * card. Null fields are unset.
 *
 * @param photo the version of the profile photo (its ETag), or null when there is none
 */
public record ProfileCard(String userId, String username, String displayName, String avatar, Status status,
                          String statusText, String bio, String pronouns, String jobTitle, String timeZone,
                          String photo) {
}
