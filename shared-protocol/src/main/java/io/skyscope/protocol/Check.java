package io.skyscope.protocol;

/** Field checks used by the message records' compact constructors. */
public final class Check {
    private Check() {
    }

    public static String text(String field, String value, int min, int max) {
        if (value == null) {
            throw new InvalidFieldException(field, "'" + field + "' is required");
        }
        if (value.length() < min || value.length() > max) {
            throw new InvalidFieldException(field,
                    "'" + field + "' must be " + min + " to " + max + " characters, got " + value.length());
        }
        noControl(field, value);
        return value;
    }

    public static String optionalText(String field, String value, int max) {
        return value == null ? null : text(field, value, 0, max);
    }

    public static void noControl(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new InvalidFieldException(field, "'" + field + "' contains control character U+"
                        + String.format("%04X", (int) c) + " at index " + i);
            }
        }
    }

    public static double coordinate(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidFieldException(field, "'" + field + "' must be a finite number");
        }
        if (value < 0 || value > Limits.MAX_COORDINATE) {
            throw new InvalidFieldException(field,
                    "'" + field + "' must be between 0 and " + Limits.MAX_COORDINATE + " map pixels, got " + value);
        }
        return value;
    }

    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidFieldException(field, "'" + field + "' must not be negative, got " + value);
        }
        return value;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "'" + field + "' is required");
        }
        return value;
    }

    public static String ref(String value) {
        return optionalText("ref", value, Limits.MAX_REF_LENGTH);
    }
}
