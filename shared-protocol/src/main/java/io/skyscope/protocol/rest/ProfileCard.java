package io.skyscope.protocol.rest;

import io.skyscope.protocol.Status;

/**
 * {@code GET /api/v1/users/{userId}}: what people who share a space with someone see on their
 * card. Null fields are unset.
 *
 * @param photo the version of the profile photo (its ETag), or null when there is none
 * @param followers how many people follow them
 * @param following how many people they follow
 * @param followedByYou whether the viewer follows them
 * @param followable whether they may be followed (they can turn it off)
 */
public record ProfileCard(String userId, String username, String displayName, String avatar, Status status,
                          String statusText, String bio, String pronouns, String jobTitle, String timeZone,
                          String photo, int followers, int following, boolean followedByYou, boolean followable) {
    /** A card without the follow figures. */
    public ProfileCard(String userId, String username, String displayName, String avatar, Status status,
                       String statusText, String bio, String pronouns, String jobTitle, String timeZone,
                       String photo) {
        this(userId, username, displayName, avatar, status, statusText, bio, pronouns, jobTitle, timeZone, photo, 0,
                0, false, true);
    }
}
