package io.skyscope.protocol.rest;

/** {@code POST /api/v1/messages/{messageId}/reports}: why the message should be looked at. */
public record ReportCreate(String reason) {
}
