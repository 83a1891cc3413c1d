package io.skyscope.protocol.rest;

import java.util.List;

/**
 * {@code GET /api/v1/people}: one page of the people matching a query, by display name; {@code
 * next} is the cursor to the next page, null on the last.
 */
public record PeopleList(List<PersonMatch> people, String next) {
}
