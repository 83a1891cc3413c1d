package io.skyscope.protocol.rest;

import java.util.List;

/** {@code GET /api/v1/spaces/{spaceId}/sanctions}: current bans and mutes, for admins. */
public record SanctionList(List<SanctionView> sanctions) {
}
