package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Session;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.space.SpaceService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * client-core's session keeps its connection across several access-token lifetimes by renewing
 * the token in band, as the desktop app does: no reconnect, no gap. With tokens that last 6 s, a
 * session that did not renew in band would be closed with 4004 every 6 s.
 */
class TokenRenewalEndToEndTest {
    private static final int TTL_SECONDS = 6;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(
            c -> c.withProtection(c.protection().withAccessTokenTtl(TTL_SECONDS)));

    @Test
    void aSessionOutlivesItsAccessTokensWithoutReconnecting() {
        var who = SERVER.register("rita");
        Session session = Session.open(SERVER.api(), new Session.Credentials(who.username(),
                "violet harbor lantern " + who.username(), null), SpaceService.DEFAULT_SPACE_ID);
        try {
            AtomicInteger renewals = new AtomicInteger();
            session.tokens().onRenewed(t -> renewals.incrementAndGet());
            List<Session.State> states = new CopyOnWriteArrayList<>();
            session.onState(states::add);

            // Three renewals take longer than two lifetimes of the first token.
            await().atMost(Duration.ofSeconds(4L * TTL_SECONDS)).until(() -> renewals.get() >= 3);

            assertThat(session.reconnects()).isZero();
            assertThat(states).isEmpty();
            assertThat(session.state()).isEqualTo(Session.State.ONLINE);
            session.send(new ClientMessage.Ping("after-renewals"));
            session.await(ServerMessage.Pong.class, p -> "after-renewals".equals(p.ref()), TIMEOUT);
        } finally {
            session.close();
        }
    }
}
