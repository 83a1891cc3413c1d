package io.skyscope.protocol.rest;

/** {@code POST /api/v1/me/email/verify}: the code sent to the address being added. */
public record EmailVerification(String code) {
}
