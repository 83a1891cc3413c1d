package io.skyscope.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The media server's settings: off unless JANUS_URL is set, and each wrong value named. */
class MediaConfigTest {
    private static final Map<String, String> MINIMAL = Map.of("JANUS_URL", "http://127.0.0.1:8088/janus",
            "JANUS_API_SECRET", "an api secret of some length", "JANUS_TOKEN_SECRET", "a token secret of some length");

    @Test
    void offUnlessJanusUrlIsSetAndThenWithDefaults() {
        assertThat(MediaConfig.fromEnvironment(Map.of())).isNull();
        MediaConfig media = MediaConfig.fromEnvironment(MINIMAL);
        assertThat(media.publicUrl()).isEqualTo(media.url());
        assertThat(media.stageSize()).isEqualTo(500);
        assertThat(media.adminKey()).isNull();
        assertThat(media.toString()).doesNotContain("an api secret", "a token secret");
        assertThat(ServerConfig.fromEnvironment(MINIMAL).media()).isEqualTo(media);
    }

    @Test
    void eachWrongValueIsNamed() {
        assertThat(variable(Map.of("JANUS_API_SECRET", "an api secret of some length"))).isEqualTo("JANUS_URL");
        assertThat(variable(without("JANUS_TOKEN_SECRET"))).isEqualTo("JANUS_TOKEN_SECRET");
        assertThat(variable(with("JANUS_API_SECRET", "short"))).isEqualTo("JANUS_API_SECRET");
        assertThat(variable(with("JANUS_URL", "ws://127.0.0.1:8188"))).isEqualTo("JANUS_URL");
        assertThat(variable(with("JANUS_PUBLIC_URL", "https://user:pw@janus.example.com/janus"))).isEqualTo("JANUS_PUBLIC_URL");
        assertThat(variable(with("MEDIA_STAGE_SIZE", "0"))).isEqualTo("MEDIA_STAGE_SIZE");
        assertThat(variable(with("MEDIA_STAGE_SIZE", "5001"))).isEqualTo("MEDIA_STAGE_SIZE");
        assertThat(variable(with("MEDIA_TOKEN_TTL_SECONDS", "ten"))).isEqualTo("MEDIA_TOKEN_TTL_SECONDS");
    }

    private static String variable(Map<String, String> env) {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> MediaConfig.fromEnvironment(env));
        assertThat(thrown).as("a refusal for %s", env.keySet()).isNotNull();
        return thrown.variable();
    }

    private static Map<String, String> with(String name, String value) {
        var env = new HashMap<>(MINIMAL);
        env.put(name, value);
        return env;
    }

    private static Map<String, String> without(String name) {
        var env = new HashMap<>(MINIMAL);
        env.remove(name);
        return env;
    }
}
