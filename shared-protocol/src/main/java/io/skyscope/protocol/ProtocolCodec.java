package io.skyscope.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns WebSocket frames into message records and back. Decoding names what was wrong: an unknown
 * type, a duplicate key, a missing, unknown or ill-typed field, or a value out of range.
 * Thread-safe.
 */
public final class ProtocolCodec {
    private static final ObjectWriter CLIENT_WRITER = Json.strict().writerFor(ClientMessage.class);
    private static final ObjectWriter SERVER_WRITER = Json.strict().writerFor(ServerMessage.class);
    private static final Map<String, Class<?>> CLIENT_TYPES = MessageTypes.of(ClientMessage.class);
    private static final Map<String, Class<?>> SERVER_TYPES = MessageTypes.of(ServerMessage.class);

    private ProtocolCodec() {
    }

    /** Decodes a client frame strictly (what the server does). */
    public static ClientMessage decodeClient(String frame) throws ProtocolException {
        return decode(frame, Json.strict(), ClientMessage.class, CLIENT_TYPES);
    }

    /** Decodes a server frame leniently (what a client does: unknown fields are ignored). */
    public static ServerMessage decodeServer(String frame) throws ProtocolException {
        return decode(frame, Json.lenient(), ServerMessage.class, SERVER_TYPES);
    }

    /** Decodes a server frame strictly (unknown fields are errors); for checking documentation. */
    public static ServerMessage decodeServerStrictly(String frame) throws ProtocolException {
        return decode(frame, Json.strict(), ServerMessage.class, SERVER_TYPES);
    }

    public static String encode(ClientMessage message) {
        return write(CLIENT_WRITER, message);
    }

    public static String encode(ServerMessage message) {
        return write(SERVER_WRITER, message);
    }

    /** Wire names of client message types, in declaration order. */
    public static List<String> clientTypes() {
        return List.copyOf(CLIENT_TYPES.keySet());
    }

    /** Wire names of server message types, in declaration order. */
    public static List<String> serverTypes() {
        return List.copyOf(SERVER_TYPES.keySet());
    }

    /** Wire name of a message record, e.g. {@code "move"}. */
    public static String typeName(Object message) {
        for (var entry : CLIENT_TYPES.entrySet()) {
            if (entry.getValue() == message.getClass()) {
                return entry.getKey();
            }
        }
        for (var entry : SERVER_TYPES.entrySet()) {
            if (entry.getValue() == message.getClass()) {
                return entry.getKey();
            }
        }
        throw new IllegalArgumentException("not a protocol message: " + message.getClass());
    }

    private static String write(ObjectWriter writer, Object message) {
        try {
            return writer.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    private static <T> T decode(String frame, ObjectMapper mapper, Class<T> root, Map<String, Class<?>> types)
            throws ProtocolException {
        JsonNode node;
        try {
            node = mapper.readTree(frame);
        } catch (JacksonException e) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, null, "frame is not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (node == null || !node.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, null, "frame must be a JSON object with a 'type' field", null);
        }
        JsonNode refNode = node.get("ref");
        String ref = refNode != null && refNode.isTextual() && refNode.textValue().length() <= Limits.MAX_REF_LENGTH
                ? refNode.textValue() : null;
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "type", "'type' is required and must be a string", ref);
        }
        String type = typeNode.textValue();
        if (!types.containsKey(type)) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "type", "unknown message type '" + abbreviate(type)
                    + "'; known types: " + String.join(", ", types.keySet()), ref);
        }
        try {
            return mapper.treeToValue(node, root);
        } catch (JacksonException e) {
            throw describe(type, e, ref);
        } catch (InvalidFieldException e) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, e.field(), e.getMessage(), ref);
        }
    }

    private static ProtocolException describe(String type, JacksonException e, String ref) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() instanceof InvalidFieldException ife) {
            return new ProtocolException(ErrorCode.INVALID_FIELD, ife.field(), ife.getMessage(), ref);
        }
        String field = e instanceof JsonMappingException jme ? fieldOf(jme.getPath()) : null;
        String message;
        if (e instanceof UnrecognizedPropertyException upe) {
            field = upe.getPropertyName();
            message = "unknown field '" + field + "' in '" + type + "'";
        } else if (e instanceof InvalidFormatException ife && ife.getTargetType() != null
                && ife.getTargetType().isEnum()) {
            message = "'" + field + "' has invalid value '" + abbreviate(String.valueOf(ife.getValue()))
                    + "'; allowed: " + enumNames(ife.getTargetType());
        } else if (e instanceof MismatchedInputException mie && mie.getOriginalMessage().startsWith("Missing required")) {
            field = missingProperty(mie.getOriginalMessage(), field);
            message = "'" + field + "' is required in '" + type + "'";
        } else if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
            message = "'" + field + "' must be " + describeType(mie.getTargetType());
        } else {
            message = "invalid '" + type + "': " + e.getOriginalMessage();
        }
        return new ProtocolException(ErrorCode.INVALID_FIELD, field, message, ref);
    }

    private static String fieldOf(List<JsonMappingException.Reference> path) {
        return path.stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String missingProperty(String message, String fallback) {
        int start = message.indexOf('\'');
        int end = start < 0 ? -1 : message.indexOf('\'', start + 1);
        return end > start ? message.substring(start + 1, end) : fallback;
    }

    private static String describeType(Class<?> type) {
        if (type == double.class || type == Double.class || type == float.class) {
            return "a number";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + enumNames(type);
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String enumNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /**
     * Reads the {@code @JsonSubTypes} list of a sealed message interface. Families of messages
     * (sealed sub-interfaces such as {@link ChatCommand}) list their records in the root's list.
     */
    static final class MessageTypes {
        private MessageTypes() {
        }

        /** The records a sealed interface permits, directly or through sealed sub-interfaces. */
        static List<Class<?>> records(Class<?> root) {
            List<Class<?>> found = new java.util.ArrayList<>();
            for (Class<?> permitted : root.getPermittedSubclasses()) {
                if (permitted.isInterface() && permitted.isSealed()) {
                    found.addAll(records(permitted));
                } else {
                    found.add(permitted);
                }
            }
            return found;
        }

        static Map<String, Class<?>> of(Class<?> root) {
            var subTypes = root.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class);
            Map<String, Class<?>> map = new LinkedHashMap<>();
            for (var t : subTypes.value()) {
                map.put(t.name(), t.value());
            }
            return map;
        }
    }
}
