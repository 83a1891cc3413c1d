package io.skyscope.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one place that builds SkyScope's Jackson mappers. Both are thread-safe once built.
 *
 * <p>{@link #strict()} is what a server reads client input with: duplicate keys, unknown fields,
 * null or missing primitives and trailing tokens are errors. {@link #lenient()} is what a client
 * reads server output with: it ignores fields it does not know, so a newer server can add fields.
 */
public final class Json {
    private static final ObjectMapper STRICT = build(true);
    private static final ObjectMapper LENIENT = build(false);

    private Json() {
    }

    public static ObjectMapper strict() {
        return STRICT;
    }

    public static ObjectMapper lenient() {
        return LENIENT;
    }

    private static ObjectMapper build(boolean strict) {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, !strict)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, !strict)
                .configure(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, false)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(new JavaTimeModule())
                .build();
    }
}
