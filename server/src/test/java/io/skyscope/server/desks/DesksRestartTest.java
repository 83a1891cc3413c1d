package io.skyscope.server.desks;

import static io.skyscope.server.desks.DeskProbe.list;
import static io.skyscope.server.desks.DeskProbe.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.Connection;
import io.skyscope.protocol.DeskCommand;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.e2e.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Desks, the notes on them and the go-to-desk setting survive a server restart on the same DATA_DIR. */
class DesksRestartTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @Test
    void aDeskItsNotesAndTheSettingOutliveARestart() {
        AuthResponse fay = SERVER.register("fay");
        AuthResponse ann = SERVER.register("ann");
        String office = SERVER.api().createSpace(fay.accessToken(), "Desks after restart", "public").id();
        Connection f = SERVER.join(fay, office);
        Connection a = SERVER.join(ann, office);
        assertThat(request(a, new DeskCommand.Claim("Desk B7", "claim"))).isNull();
        assertThat(request(a, new DeskCommand.Settings(true, "on"))).isNull();
        DeskProbe.leave(a, f, ann);
        assertThat(request(f, new DeskCommand.Note("Desk B7", "welcome back", "note"))).isNull();

        SERVER.stop();
        SERVER.start();

        Connection back = SERVER.join(ann, office);
        var seat = DeskProbe.desk("Desk B7").seat();
        assertThat(back.world().snapshot().self().x()).isEqualTo(seat.x());
        var desks = list(back, "list");
        assertThat(desks.mine()).isEqualTo("Desk B7");
        assertThat(desks.goToDesk()).isTrue();
        assertThat(desks.notes()).singleElement().satisfies(n -> {
            assertThat(n.text()).isEqualTo("welcome back");
            assertThat(n.fromUserId()).isEqualTo(fay.userId());
        });
        assertThat(desks.desks()).singleElement().satisfies(h -> assertThat(h.userId()).isEqualTo(ann.userId()));
    }
}
