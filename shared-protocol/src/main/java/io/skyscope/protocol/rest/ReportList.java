package io.skyscope.protocol.rest;

import java.util.List;

/** {@code GET /api/v1/spaces/{spaceId}/reports}: newest first; {@code nextBefore} pages back. */
public record ReportList(List<ReportView> reports, String nextBefore) {
}
