package io.skyscope.desktop.office;

import io.skyscope.protocol.Status;

/** One line of the people list. */
public record PersonRow(String userId, String name, Status status, String statusText, String area, boolean me) {
}
