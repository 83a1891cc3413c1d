package io.skyscope.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerAddressTest {

    @Test
    void acceptsWhatPeopleType() {
        assertThat(ServerAddress.parse("localhost:8080")).isEqualTo(URI.create("http://localhost:8080/"));
        assertThat(ServerAddress.parse(" office.example.com ")).isEqualTo(URI.create("https://office.example.com/"));
        assertThat(ServerAddress.parse("http://10.0.0.5:8080/skyscope")).isEqualTo(URI.create("http://10.0.0.5:8080/skyscope/"));
        assertThatThrownBy(() -> ServerAddress.parse("")).hasMessageContaining("Enter the address");
        assertThatThrownBy(() -> ServerAddress.parse("ftp://x")).hasMessageContaining("http://");
    }

    @Test
    void findsTheInviteCodeInALink() {
        assertThat(ServerAddress.inviteCode("abc123")).isEqualTo("abc123");
        assertThat(ServerAddress.inviteCode("https://office.example.com/invite/abc123")).isEqualTo("abc123");
        assertThat(ServerAddress.inviteCode("https://office.example.com/api/v1/invites/abc123/accept")).isEqualTo("abc123");
        assertThat(ServerAddress.inviteCode("https://office.example.com/join?invite=abc123")).isEqualTo("abc123");
    }

    @Test
    void backoffDoublesUpToTheCapWithJitter() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15));
        assertThat(b.delay(1).toMillis()).isBetween(400L, 500L);
        assertThat(b.delay(3).toMillis()).isBetween(1600L, 2000L);
        assertThat(b.delay(30).toMillis()).isBetween(12_000L, 15_000L);
    }
}
