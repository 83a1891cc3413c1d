package io.skyscope.map;

import static io.skyscope.map.JsonFields.describe;
import static io.skyscope.map.JsonFields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads Tiled custom properties ({@code [{"name":..., "type":..., "value":...}]}) into plain Java
 * values: {@code int} and {@code object} to Integer, {@code float} to Double, {@code bool} to
 * Boolean, {@code string}, {@code color} and {@code file} to String. Class-typed properties carry
 * nested structures that no SkyScope feature reads; they are skipped.
 */
final class TiledProperties {
    private TiledProperties() {
    }

    static Map<String, Object> read(JsonNode owner, String context) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (JsonNode property : JsonFields.optionalArray(owner, "properties", context)) {
            JsonFields.requireObject(property, context + ": property");
            String name = JsonFields.requireString(property, "name", context + ": property");
            String where = context + ": property '" + name + "'";
            String type = JsonFields.optionalString(property, "type", where);
            JsonNode value = JsonFields.require(property, "value", where);
            Object converted = convert(type.isEmpty() ? "string" : type, value, where);
            if (converted != null && properties.put(name, converted) != null) {
                throw invalid(context, "property '" + name + "' appears twice");
            }
        }
        return properties;
    }

    private static Object convert(String type, JsonNode value, String where) {
        return switch (type) {
            case "int", "object" -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    throw invalid(where, "type " + type + " needs an integer value, got " + describe(value));
                }
                yield value.intValue();
            }
            case "float" -> {
                if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                    throw invalid(where, "type float needs a number value, got " + describe(value));
                }
                yield value.doubleValue();
            }
            case "bool" -> {
                if (!value.isBoolean()) {
                    throw invalid(where, "type bool needs true or false, got " + describe(value));
                }
                yield value.booleanValue();
            }
            case "string", "color", "file" -> {
                if (!value.isTextual()) {
                    throw invalid(where, "type " + type + " needs a string value, got " + describe(value));
                }
                yield value.textValue();
            }
            case "class" -> null;
            default -> throw invalid(where, "unknown property type '" + type + "'");
        };
    }
}
