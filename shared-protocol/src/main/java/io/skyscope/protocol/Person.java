package io.skyscope.protocol;

/**
 * Someone present in a space, as others see them. {@code number} identifies them in the compact
 * position frames ({@link PositionFrame}): unique among the people present in the space, and given
 * to someone else only after this person's {@code left} was sent.
 */
public record Person(String userId, String displayName, String avatar, double x, double y,
                     Status status, String statusText, int number) {

    public Person at(double newX, double newY) {
        return new Person(userId, displayName, avatar, newX, newY, status, statusText, number);
    }

    public Person withStatus(Status newStatus, String newText) {
        return new Person(userId, displayName, avatar, x, y, newStatus, newText, number);
    }
}
