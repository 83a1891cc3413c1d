package io.skyscope.server.config;

import java.util.Locale;
import java.util.Map;

/**
 * {@code LOG_FORMAT}: how the server writes its log, {@code text} (the default) or {@code json}
 * (one JSON object a line). Read by {@code ServerMain} before the first log line, because the
 * logging configuration (logback.xml) picks its appender by this value.
 */
public enum LogFormat {
    TEXT, JSON;

    public static final String VARIABLE = "LOG_FORMAT";

    /** @throws ConfigException naming {@code LOG_FORMAT} if it is neither text nor json */
    public static LogFormat fromEnvironment(Map<String, String> env) {
        String value = env.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new ConfigException(VARIABLE, "must be 'text' or 'json', got '" + value + "'");
        };
    }

    /** The name logback.xml knows the appender by. */
    public String appender() {
        return name().toLowerCase(Locale.ROOT);
    }
}
