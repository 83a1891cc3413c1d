package io.skyscope.protocol.rest;

/** {@code POST /api/v1/auth/email/login}: signs in with a one-time code sent to a verified address. */
public record EmailLogin(String email, String code) {
}
