package io.skyscope.server.config;

/** A configuration value is missing or wrong; the message names the environment variable. */
public final class ConfigException extends RuntimeException {
    private final String variable;

    public ConfigException(String variable, String message) {
        super(variable + ": " + message);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
