package io.skyscope.protocol;

/** Someone present in a space, as others see them. */
public record Person(String userId, String displayName, String avatar, double x, double y,
                     Status status, String statusText) {

    public Person at(double newX, double newY) {
        return new Person(userId, displayName, avatar, newX, newY, status, statusText);
    }

    public Person withStatus(Status newStatus, String newText) {
        return new Person(userId, displayName, avatar, x, y, newStatus, newText);
    }
}
