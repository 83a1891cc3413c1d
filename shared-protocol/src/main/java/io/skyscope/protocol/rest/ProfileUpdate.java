package io.skyscope.protocol.rest;

import io.skyscope.protocol.Status;

/**
 * {@code PATCH /api/v1/me}. A null field is left unchanged; an empty {@code statusText},
 * {@code bio}, {@code pronouns}, {@code jobTitle} or {@code timeZone} clears it.
 *
 * @param timeZone an IANA time-zone id such as {@code Europe/Paris}
 */
public record ProfileUpdate(String displayName, String avatar, Status status, String statusText, String bio,
                            String pronouns, String jobTitle, String timeZone) {
    /** Name, avatar and status only. */
    public ProfileUpdate(String displayName, String avatar, Status status, String statusText) {
        this(displayName, avatar, status, statusText, null, null, null, null);
    }
}
