package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.ApiError;
import io.skyscope.client.GuestApi;
import io.skyscope.protocol.rest.AuthResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Guest joins from one address are limited (20 an hour), on a server of its own so that other
 * tests' joins do not count.
 */
class GuestJoinLimitEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @Test
    void joinsFromOneAddressAreLimited() {
        GuestApi guests = new GuestApi(SERVER.api());
        AuthResponse owner = SERVER.register("own");
        String space = SERVER.api().createSpace(owner.accessToken(), "Busy " + UUID.randomUUID(), "private").id();
        String link = guests.createGuestLink(owner.accessToken(), space, null, 50).code();
        for (int i = 0; i < 20; i++) {
            guests.join(link, "Crowd " + i);
        }
        ApiError limited = null;
        try {
            guests.join(link, "One too many");
        } catch (ApiError e) {
            limited = e;
        }
        assertThat(limited).isNotNull();
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("rate_limited");
        assertThat(guests.guestLinks(owner.accessToken(), space).guestLinks().getFirst().guests()).isEqualTo(20);
    }
}
