package io.skyscope.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
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
}
