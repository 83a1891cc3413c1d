package io.skyscope.server.e2e;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.protocol.ClientMessage;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile WebSocket frames from the protocol's own records: for every client message type
 * a plausible frame built from its record components, then broken in one of many ways (missing,
 * unknown, duplicated or ill-typed fields, values out of range, huge strings, wrong types, not
 * JSON at all). New message types are covered as soon as they are added to the protocol.
 */
final class FrameFuzzer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;
    private final List<Class<?>> types = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    FrameFuzzer(long seed) {
        this.random = new Random(seed);
        collect(ClientMessage.class);
    }

    private void collect(Class<?> root) {
        JsonSubTypes subTypes = root.getAnnotation(JsonSubTypes.class);
        if (subTypes == null) {
            return;
        }
        for (var t : subTypes.value()) {
            if (t.value().isRecord()) {
                types.add(t.value());
                names.add(t.name());
            } else {
                collect(t.value());
            }
        }
    }

    int typeCount() {
        return types.size();
    }

    /** A frame with {@code "ref": ref} where the mutation leaves room for one. */
    String next(String ref) {
        int i = random.nextInt(types.size());
        ObjectNode frame = plausible(types.get(i), names.get(i));
        frame.put("ref", ref);
        return switch (random.nextInt(12)) {
            case 0 -> dropField(frame).toString();
            case 1 -> frame.put("unexpected" + random.nextInt(100), random.nextInt()).toString();
            case 2 -> wrongType(frame).toString();
            case 3 -> outOfRange(frame).toString();
            case 4 -> duplicateKey(frame);
            case 5 -> frame.put(anyField(frame), "x".repeat(5_000 + random.nextInt(50_000))).toString();
            case 6 -> frame.put("type", names.get(i) + ".nope").toString();
            case 7 -> notJson();
            case 8 -> "[" + frame + "]";
            case 9 -> frame.toString().substring(0, random.nextInt(frame.toString().length()));
            case 10 -> frame.set(anyField(frame), NODES.objectNode().set("deep", nest(40))).toString();
            default -> frame.toString();
        };
    }

    private ObjectNode plausible(Class<?> type, String name) {
        ObjectNode node = NODES.objectNode().put("type", name);
        for (RecordComponent c : type.getRecordComponents()) {
            Class<?> t = c.getType();
            String f = c.getName();
            if (f.equals("ref")) {
                continue;
            }
            if (t == double.class || t == Double.class) {
                node.put(f, random.nextDouble() * 2000);
            } else if (t == long.class || t == Long.class || t == int.class || t == Integer.class) {
                node.put(f, random.nextInt(1000));
            } else if (t == boolean.class || t == Boolean.class) {
                node.put(f, random.nextBoolean());
            } else if (t.isEnum()) {
                Object[] values = t.getEnumConstants();
                node.put(f, values[random.nextInt(values.length)].toString().toLowerCase(java.util.Locale.ROOT));
            } else if (t == String.class) {
                node.put(f, random.nextBoolean() ? "office" : "s" + random.nextInt(1_000_000));
            } else {
                node.set(f, NODES.objectNode().put("kind", "x").put("n", random.nextInt()));
            }
        }
        return node;
    }

    private ObjectNode dropField(ObjectNode frame) {
        var fields = new ArrayList<String>();
        frame.fieldNames().forEachRemaining(fields::add);
        frame.remove(fields.get(random.nextInt(fields.size())));
        return frame;
    }

    private ObjectNode wrongType(ObjectNode frame) {
        String f = anyField(frame);
        switch (random.nextInt(5)) {
            case 0 -> frame.put(f, "text");
            case 1 -> frame.put(f, random.nextDouble());
            case 2 -> frame.putNull(f);
            case 3 -> frame.putArray(f).add(1).add("two");
            default -> frame.put(f, random.nextBoolean());
        }
        return frame;
    }

    private ObjectNode outOfRange(ObjectNode frame) {
        String f = anyField(frame);
        double[] bad = {-1, -1e308, 1e308, 65_537, Long.MAX_VALUE, -0.0001};
        frame.put(f, bad[random.nextInt(bad.length)]);
        return frame;
    }

    private String duplicateKey(ObjectNode frame) {
        String f = anyField(frame);
        String json = frame.toString();
        return json.substring(0, json.length() - 1) + ",\"" + f + "\":" + frame.get(f) + "}";
    }

    private String notJson() {
        String[] junk = {"", " ", "null", "42", "\"move\"", "{", "}", "{\"type\":}", "\u0000\u0001", "{'type':'move'}",
                "{\"type\":\"move\",\"x\":NaN,\"y\":1,\"seq\":1}", "true", "{\"type\":" + "[".repeat(500) + "}"};
        return junk[random.nextInt(junk.length)];
    }

    private String anyField(ObjectNode frame) {
        var fields = new ArrayList<String>();
        frame.fieldNames().forEachRemaining(fields::add);
        fields.remove("type");
        fields.remove("ref");
        return fields.isEmpty() ? "type" : fields.get(random.nextInt(fields.size()));
    }

    private ObjectNode nest(int depth) {
        ObjectNode node = NODES.objectNode();
        if (depth > 0) {
            node.set("n", nest(depth - 1));
        }
        return node;
    }
}
