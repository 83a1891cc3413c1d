package io.skyscope.map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reads of fields of a Tiled JSON object, each failing with a {@link MapValidationException}
 * that names where the field is ({@code context}) and what was wrong with it.
 */
final class JsonFields {
    private JsonFields() {
    }

    static JsonNode require(JsonNode object, String field, String context) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw invalid(context, "'" + field + "' is missing");
        }
        return value;
    }

    static int requireInt(JsonNode object, String field, String context) {
        JsonNode value = require(object, field, context);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(context, "'" + field + "' must be an integer, got " + describe(value));
        }
        return value.intValue();
    }

    static int requireIntIn(JsonNode object, String field, int min, int max, String context) {
        int value = requireInt(object, field, context);
        if (value < min || value > max) {
            throw invalid(context, "'" + field + "' is " + value + ", must be between " + min + " and " + max);
        }
        return value;
    }

    static double requireFinite(JsonNode object, String field, String context) {
        JsonNode value = require(object, field, context);
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw invalid(context, "'" + field + "' must be a number, got " + describe(value));
        }
        return value.doubleValue();
    }

    /** A number that may be absent (then {@code fallback}), as Tiled omits some zero fields. */
    static double optionalFinite(JsonNode object, String field, double fallback, String context) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? fallback : requireFinite(object, field, context);
    }

    static String requireString(JsonNode object, String field, String context) {
        JsonNode value = require(object, field, context);
        if (!value.isTextual()) {
            throw invalid(context, "'" + field + "' must be a string, got " + describe(value));
        }
        return value.textValue();
    }

    static String optionalString(JsonNode object, String field, String context) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? "" : requireString(object, field, context);
    }

    static boolean optionalBoolean(JsonNode object, String field, String context) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid(context, "'" + field + "' must be true or false, got " + describe(value));
        }
        return value.booleanValue();
    }

    static JsonNode requireArray(JsonNode object, String field, String context) {
        JsonNode value = require(object, field, context);
        if (!value.isArray()) {
            throw invalid(context, "'" + field + "' must be an array, got " + describe(value));
        }
        return value;
    }

    /** An array that may be absent; absent reads as an empty array. */
    static Iterable<JsonNode> optionalArray(JsonNode object, String field, String context) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? java.util.List.of() : requireArray(object, field, context);
    }

    static void requireObject(JsonNode node, String context) {
        if (node == null || !node.isObject()) {
            throw invalid(context, "must be a JSON object, got " + describe(node));
        }
    }

    static MapValidationException invalid(String context, String problem) {
        return new MapValidationException(context.isEmpty() ? problem : context + ": " + problem);
    }

    /** A short description of a JSON value for error messages, never the whole (maybe huge) value. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.isTextual() ? "\"" + node.textValue() + "\"" : node.isContainerNode()
                ? node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) : node.toString();
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
