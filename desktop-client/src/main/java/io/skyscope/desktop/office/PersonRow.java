package io.skyscope.desktop.office;

import io.skyscope.protocol.Status;

/**
 * One line of the people list.
 *
 * @param camera  their camera is on
 * @param sharing they share their screen
 */
public record PersonRow(String userId, String name, Status status, String statusText, String area, boolean me,
                        boolean camera, boolean sharing) {
}
