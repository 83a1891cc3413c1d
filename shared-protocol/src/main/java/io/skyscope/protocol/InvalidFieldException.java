package io.skyscope.protocol;

/** Thrown by message constructors when a field is missing or out of range; names the field. */
public final class InvalidFieldException extends IllegalArgumentException {
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
