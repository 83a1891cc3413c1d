package io.skyscope.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatTest {
    @Test
    void textUnlessJsonIsAsked() {
        assertThat(LogFormat.fromEnvironment(Map.of())).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.fromEnvironment(Map.of("LOG_FORMAT", " "))).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.fromEnvironment(Map.of("LOG_FORMAT", "text"))).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.fromEnvironment(Map.of("LOG_FORMAT", " JSON"))).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.JSON.appender()).isEqualTo("json");
    }

    @Test
    void anythingElseNamesTheVariable() {
        assertThatThrownBy(() -> LogFormat.fromEnvironment(Map.of("LOG_FORMAT", "xml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("LOG_FORMAT: must be 'text' or 'json', got 'xml'");
    }
}
