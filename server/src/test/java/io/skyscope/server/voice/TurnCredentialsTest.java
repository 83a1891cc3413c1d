package io.skyscope.server.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_795_327_810L));

    @Test
    void theUsernameCarriesTheExpiryAndThePasswordIsTheHmacOfIt() {
        var credential = new TurnCredentials("s3cret", Duration.ofHours(1), clock).issue("u1");
        assertThat(credential.username()).isEqualTo("1795331410:u1");
        assertThat(credential.expiresAt()).isEqualTo(1_795_331_410L);
        // printf '%s' 1795331410:u1 | openssl dgst -sha1 -hmac s3cret -binary | base64
        assertThat(credential.password()).isEqualTo("zsJ47KDg3aJDkNMU92NfZA/eXvE=");
        assertThat(credential.toString()).doesNotContain(credential.password());
    }

    @Test
    void iceServersListStunWithoutAndTurnWithCredentials() {
        var turn = new TurnCredentials("s3cret", Duration.ofHours(1), clock);
        var servers = new IceServers(List.of("stun:stun.example.org"), List.of("turn:turn.example.org:3478"), turn)
                .forUser("u1");
        assertThat(servers).hasSize(2);
        assertThat(servers.get(0).username()).isNull();
        assertThat(servers.get(1).username()).isEqualTo("1795331410:u1");
        assertThat(new IceServers(List.of(), List.of(), null).forUser("u1")).isEmpty();
    }
}
