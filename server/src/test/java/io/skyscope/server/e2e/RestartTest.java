package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.Connection;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.space.SpaceService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accounts, the default space and issued tokens survive a server restart on the same DATA_DIR. */
class RestartTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @Test
    void afterARestartTheSamePasswordAndTokensStillWork() {
        AuthResponse zoe = SERVER.register("zoe");
        String password = "violet harbor lantern " + zoe.username();
        Connection before = SERVER.join(zoe, SpaceService.DEFAULT_SPACE_ID);
        assertThat(before.world().snapshot().space().id()).isEqualTo(SpaceService.DEFAULT_SPACE_ID);

        SERVER.stop();
        SERVER.start();

        AuthResponse again = SERVER.api().login(zoe.username(), password);
        assertThat(again.userId()).isEqualTo(zoe.userId());
        assertThat(SERVER.api().me(zoe.accessToken()).username()).isEqualTo(zoe.username());
        assertThat(SERVER.api().refresh(zoe.refreshToken()).userId()).isEqualTo(zoe.userId());

        Connection after = SERVER.connect(again);
        after.send(new ClientMessage.Join(SpaceService.DEFAULT_SPACE_ID, "j"));
        var welcome = after.await(ServerMessage.Welcome.class, TIMEOUT);
        assertThat(welcome.space().mapVersion()).isEqualTo(1);
        assertThat(SERVER.api().spaces(again.accessToken()).spaces())
                .anyMatch(s -> s.id().equals(SpaceService.DEFAULT_SPACE_ID));
    }
}
