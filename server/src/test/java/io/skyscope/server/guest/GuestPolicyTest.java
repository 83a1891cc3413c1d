package io.skyscope.server.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.server.Refused;
import io.skyscope.server.auth.AuthenticatedUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every WebSocket message type, as docs/protocol.md shows it, is decided for guests: the ones that
 * change more than the guest's own presence and chat in their space are refused, the rest pass; a
 * member's token passes them all.
 */
class GuestPolicyTest {
    private static final AuthenticatedUser MEMBER = new AuthenticatedUser("u1", 0, "s1", Instant.now().plusSeconds(60));
    private static final AuthenticatedUser GUEST = new AuthenticatedUser("g1", 0, "s2", Instant.now().plusSeconds(60),
            "office");
    private static final Set<String> REFUSED = Set.of("stage.speaker", "stage.hands", "megaphone.on", "megaphone.off", "room.lock", "room.unlock", "notes.open",
            "notes.update", "notes.cursor", "notes.close", "notes.versions", "notes.restore", "desk.claim", "desk.free",
            "desk.assign", "desk.note", "desk.notes.read", "desk.settings");

    @Test
    void everyClientMessageIsDecidedForGuests() throws Exception {
        Map<String, ClientMessage> examples = examples();
        assertThat(examples.keySet()).containsAll(ProtocolCodec.clientTypes());
        for (var e : examples.entrySet()) {
            assertThatCode(() -> GuestPolicy.requireMessage(MEMBER, e.getValue())).as(e.getKey())
                    .doesNotThrowAnyException();
            if (REFUSED.contains(e.getKey())) {
                assertThatThrownBy(() -> GuestPolicy.requireMessage(GUEST, e.getValue())).as(e.getKey())
                        .isInstanceOfSatisfying(Refused.class,
                                r -> assertThat(r.code()).isEqualTo(ErrorCode.GUEST_NOT_ALLOWED));
            } else {
                assertThatCode(() -> GuestPolicy.requireMessage(GUEST, e.getValue())).as(e.getKey())
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void aGuestJoinsOnlyTheirSpace() {
        assertThatCode(() -> GuestPolicy.requireMessage(GUEST, new ClientMessage.Join("office", null)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> GuestPolicy.requireMessage(GUEST, new ClientMessage.Join("elsewhere", null)))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.GUEST_NOT_ALLOWED));
    }

    /** The first example of each client message in docs/protocol.md, by type. */
    private static Map<String, ClientMessage> examples() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("user.dir")).getParent()
                .resolve("docs/protocol.md"));
        Map<String, ClientMessage> found = new LinkedHashMap<>();
        String type = null;
        StringBuilder block = null;
        for (String line : lines) {
            if (block != null) {
                if (line.startsWith("```")) {
                    found.putIfAbsent(type, ProtocolCodec.decodeClient(block.toString()));
                    block = null;
                    type = null;
                } else {
                    block.append(line).append('\n');
                }
            } else if (line.startsWith("### `") && line.endsWith("(client → server)")) {
                type = line.substring(5, line.indexOf('`', 5));
            } else if (line.startsWith("### ")) {
                type = null;
            } else if (type != null && line.startsWith("```json")) {
                block = new StringBuilder();
            }
        }
        return found;
    }
}
