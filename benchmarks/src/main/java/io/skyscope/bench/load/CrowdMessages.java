package io.skyscope.bench.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reading the server's text messages cheaply for {@link CrowdUser}: the kind from the first
 * characters (the server writes {@code type} first), and two numbers of an object without building
 * a tree. Stateless; any thread.
 */
final class CrowdMessages {
    static final int OTHER = 0;
    static final int PRESENCE = 1;
    static final int WELCOME = 2;
    static final int CORRECTION = 3;
    static final int ERROR = 4;
    private static final JsonFactory JSON = new JsonFactory();

    private CrowdMessages() {
    }

    /** The kind of a message from its first characters ({@link #OTHER} if none of those read here). */
    static int kindOf(CharSequence start) {
        if (startsWith(start, "{\"type\":\"presence.update\"")) {
            return PRESENCE;
        } else if (startsWith(start, "{\"type\":\"move.correction\"")) {
            return CORRECTION;
        } else if (startsWith(start, "{\"type\":\"welcome\"")) {
            return WELCOME;
        } else if (startsWith(start, "{\"type\":\"error\"")) {
            return ERROR;
        }
        return OTHER;
    }

    private static boolean startsWith(CharSequence s, String prefix) {
        if (s.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (s.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** x and y of the welcome's {@code you}, read from the head of the welcome. */
    static double[] you(String welcome) {
        int at = welcome.indexOf("\"you\":{");
        if (at < 0) {
            throw new IllegalStateException("a welcome without 'you' in its first " + welcome.length() + " characters");
        }
        return fields(welcome, at + 6, "x", "y");
    }

    /** Two numeric fields of the JSON object that starts at {@code from}. */
    static double[] fields(String json, int from, String a, String b) {
        double[] values = {Double.NaN, Double.NaN};
        try (JsonParser p = JSON.createParser(json.substring(from))) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(a)) {
                    values[0] = p.getDoubleValue();
                } else if (name.equals(b)) {
                    values[1] = p.getDoubleValue();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable frame " + json, e);
        }
        return values;
    }
}
