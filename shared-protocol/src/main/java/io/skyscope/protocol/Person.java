package io.skyscope.protocol;

/**
 * Someone present in a space, as others see them. {@code number} identifies them in the compact
 * position frames ({@link PositionFrame}): unique among the people present in the space, and given
 * to someone else only after this person's {@code left} was sent.
 *
 * @param photo the version of their profile photo ({@code GET /api/v1/users/{userId}/photo}), or
 *     null when they have none; a new version means a new photo to load
 */
public record Person(String userId, String displayName, String avatar, double x, double y,
                     Status status, String statusText, int number, String photo) {

    /** Someone without a profile photo. */
    public Person(String userId, String displayName, String avatar, double x, double y, Status status,
                  String statusText, int number) {
        this(userId, displayName, avatar, x, y, status, statusText, number, null);
    }

    public Person at(double newX, double newY) {
        return new Person(userId, displayName, avatar, newX, newY, status, statusText, number, photo);
    }

    public Person withStatus(Status newStatus, String newText) {
        return new Person(userId, displayName, avatar, x, y, newStatus, newText, number, photo);
    }
}
