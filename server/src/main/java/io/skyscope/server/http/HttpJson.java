package io.skyscope.server.http;

import io.skyscope.server.Refused;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import io.skyscope.protocol.Json;
import java.util.stream.Collectors;

/**
 * Reads request bodies and writes response bodies with SkyScope's own mappers, so the wire format
 * does not depend on how Javalin's JSON mapper is configured. Stateless; request threads.
 */
public final class HttpJson {
    private HttpJson() {
    }

    /**
     * The body as a {@code type}, read strictly (unknown fields, duplicate keys and trailing data
     * are errors).
     *
     * @throws Refused 400 naming the field at fault
     */
    public static <T> T read(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw Refused.badRequest("A JSON body is required");
        }
        T value;
        try {
            value = Json.strict().readValue(body, type);
        } catch (JacksonException e) {
            throw toRefusal(e);
        }
        if (value == null) {
            throw Refused.badRequest("The body must be a JSON object");
        }
        return value;
    }

    /** Sends {@code body} as JSON with the given status. */
    public static void write(Context ctx, int status, Object body) {
        String json;
        try {
            json = Json.strict().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
        ctx.status(status).contentType("application/json").result(json);
    }

    /**
     * A 400 for a body Jackson could not read, naming the field where it can. The messages are
     * our own: Jackson's quote the input and name Java types.
     */
    public static Refused toRefusal(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String field = fieldPath(u);
            return Refused.badRequest(field, "Unknown field '" + field + "'");
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = fieldPath(m);
            String problem = e instanceof InvalidFormatException ? "has a value that is not allowed"
                    : e instanceof MismatchedInputException ? "has the wrong type" : "is not valid";
            return Refused.badRequest(field, "Field '" + field + "' " + problem);
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
            return Refused.badRequest("The body repeats a field");
        }
        return Refused.badRequest("The body is not valid JSON for this request");
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                .collect(Collectors.joining("."));
    }
}
