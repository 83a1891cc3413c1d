package io.skyscope.server.world;

import io.skyscope.protocol.ServerMessage;

/** A message for one user, produced by a space's engines. */
public record Delivery(String userId, ServerMessage message) {
}
