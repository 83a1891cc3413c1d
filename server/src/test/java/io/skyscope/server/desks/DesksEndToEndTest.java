package io.skyscope.server.desks;

import static io.skyscope.server.desks.DeskProbe.leave;
import static io.skyscope.server.desks.DeskProbe.list;
import static io.skyscope.server.desks.DeskProbe.refusal;
import static io.skyscope.server.desks.DeskProbe.request;
import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.Connection;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.DeskCommand;
import io.skyscope.protocol.DeskEvent;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.e2e.ServerExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Desks on the default office over real sockets: claiming, a desk someone holds, one desk each,
 * assigning and freeing by the owner and not by others; a note left while the holder is away and
 * read when they come back, with its limits; starting at my desk.
 */
class DesksEndToEndTest {
    private static final String A1 = "Desk A1";
    private static final String A2 = "Desk A2";
    private static final String A3 = "Desk A3";
    private static final String A4 = "Desk A4";

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withWorld(new WorldTuning(5000, 400, 100, 300)));

    /** A fresh public space of Fay's, and two more people, Ann and Bob, who have not joined it yet. */
    private record Office(String id, AuthResponse fay, AuthResponse ann, AuthResponse bob) {
        static Office create() {
            AuthResponse fay = SERVER.register("fay");
            String id = SERVER.api().createSpace(fay.accessToken(), "Desks " + System.nanoTime(), "public").id();
            return new Office(id, fay, SERVER.register("ann"), SERVER.register("bob"));
        }
    }

    @Test
    void membersClaimFreeDesksOneEachAndOnlyTheOwnerAssignsAndFreesOthersDesks() {
        Office o = Office.create();
        AuthResponse fay = o.fay();
        AuthResponse ann = o.ann();
        AuthResponse bob = o.bob();
        String office = o.id();
        Connection f = SERVER.join(fay, office);
        Connection a = SERVER.join(ann, office);
        Connection b = SERVER.join(bob, office);

        assertThat(list(a, "l0").desks()).isEmpty();
        assertThat(request(a, new DeskCommand.Claim(A1, "a-claim"))).isNull();
        var claimed = b.await(DeskEvent.Changed.class, c -> c.desk().equals(A1), TIMEOUT);
        assertThat(claimed.holder().userId()).isEqualTo(ann.userId());
        assertThat(claimed.holder().displayName()).isEqualTo(a.world().snapshot().self().displayName());
        assertThat(claimed.holder().photo()).as("ann has no photo").isNull();
        assertThat(claimed.byUserId()).isEqualTo(ann.userId());
        f.await(DeskEvent.Changed.class, c -> c.desk().equals(A1), TIMEOUT);

        assertThat(refusal(b, new DeskCommand.Claim(A1, "b-taken"))).isEqualTo("desk_taken");
        assertThat(refusal(a, new DeskCommand.Claim(A2, "a-second"))).isEqualTo("has_desk");
        assertThat(refusal(b, new DeskCommand.Claim("Desk Z9", "b-none"))).isEqualTo("unknown_desk");
        assertThat(refusal(b, new DeskCommand.Free(A1, "b-free-other"))).isEqualTo("forbidden");
        assertThat(refusal(b, new DeskCommand.Free(A2, "b-free-free"))).isEqualTo("desk_free");
        assertThat(refusal(b, new DeskCommand.Assign(A3, bob.userId(), "b-assign"))).isEqualTo("forbidden");

        // The owner assigns, moves and frees.
        assertThat(request(f, new DeskCommand.Assign(A3, bob.userId(), "f-assign"))).isNull();
        var assigned = a.await(DeskEvent.Changed.class, c -> c.desk().equals(A3), TIMEOUT);
        assertThat(assigned.holder().userId()).isEqualTo(bob.userId());
        assertThat(assigned.byUserId()).isEqualTo(fay.userId());
        assertThat(refusal(f, new DeskCommand.Assign(A1, bob.userId(), "f-taken"))).isEqualTo("desk_taken");
        assertThat(request(f, new DeskCommand.Assign(A4, bob.userId(), "f-move"))).isNull();
        a.await(DeskEvent.Changed.class, c -> c.desk().equals(A3) && c.holder() == null, TIMEOUT);
        a.await(DeskEvent.Changed.class, c -> c.desk().equals(A4) && c.holder() != null, TIMEOUT);
        assertThat(request(f, new DeskCommand.Free(A1, "f-free"))).isNull();
        var freed = b.await(DeskEvent.Changed.class, c -> c.desk().equals(A1) && c.holder() == null, TIMEOUT);
        assertThat(freed.byUserId()).isEqualTo(fay.userId());
        AuthResponse stranger = SERVER.register("cat");
        assertThat(refusal(f, new DeskCommand.Assign(A1, stranger.userId(), "f-stranger")))
                .as("not a member of the space").isEqualTo("not_found");

        var seen = list(b, "l1");
        assertThat(seen.mine()).isEqualTo(A4);
        assertThat(seen.desks()).extracting(DeskEvent.Holder::desk).containsExactly(A4);
        assertThat(request(b, new DeskCommand.Free(A4, "b-free"))).isNull();
        assertThat(list(a, "l2").desks()).isEmpty();

        // Bad and out-of-place requests.
        Connection lone = SERVER.connect(stranger);
        assertThat(refusal(lone, new DeskCommand.Claim(A1, "c-claim"))).isEqualTo("not_in_space");
        b.sendRaw("{\"type\":\"desk.claim\",\"desk\":\"" + "x".repeat(65) + "\",\"ref\":\"b-long\"}");
        assertThat(b.await(ServerMessage.Error.class, e -> "b-long".equals(e.ref()), TIMEOUT).code())
                .isEqualTo("invalid_field");
        b.sendRaw("{\"type\":\"desk.note\",\"desk\":\"" + A1 + "\",\"text\":\"" + "y".repeat(501) + "\",\"ref\":\"b-big\"}");
        assertThat(b.await(ServerMessage.Error.class, e -> "b-big".equals(e.ref()), TIMEOUT).field()).isEqualTo("text");
    }

    @Test
    void aNoteLeftWhileTheHolderIsAwayIsReadWhenTheyComeBackAndNotesAreCapped() {
        Office o = Office.create();
        AuthResponse ann = o.ann();
        AuthResponse bob = o.bob();
        String office = o.id();
        Connection a = SERVER.join(ann, office);
        Connection b = SERVER.join(bob, office);
        assertThat(request(a, new DeskCommand.Claim(A1, "a-claim"))).isNull();

        assertThat(refusal(b, new DeskCommand.Note(A1, "hi", "b-here"))).as("ann is here").isEqualTo("holder_present");
        assertThat(refusal(b, new DeskCommand.Note(A2, "hi", "b-nobody"))).isEqualTo("desk_free");
        assertThat(refusal(a, new DeskCommand.Note(A1, "hi", "a-own"))).isEqualTo("bad_request");

        leave(a, b, ann);
        for (int i = 1; i <= 3; i++) {
            assertThat(request(b, new DeskCommand.Note(A1, "lunch at noon? " + i, "b-note-" + i))).isNull();
        }
        assertThat(refusal(b, new DeskCommand.Note(A1, "and one more", "b-note-4")))
                .as("three unread notes per sender on a desk").isEqualTo("quota_exceeded");

        // Six more people fill the desk to its twenty notes; the twenty-first is refused.
        List<Connection> others = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            others.add(SERVER.join(SERVER.register("pal"), office));
        }
        int sent = 3;
        for (Connection other : others) {
            for (int i = 0; i < 3 && sent < 20; i++, sent++) {
                assertThat(request(other, new DeskCommand.Note(A1, "note " + sent, "o-" + sent))).isNull();
            }
        }
        var full = request(others.getLast(), new DeskCommand.Note(A1, "one too many", "o-full"));
        assertThat(full.code()).isEqualTo("quota_exceeded");
        assertThat(full.message()).contains("20 unread notes");

        // Ann comes back: her notes wait for her, oldest first, until she reads them.
        Connection back = SERVER.join(ann, office);
        var desks = list(back, "a-list");
        assertThat(desks.mine()).isEqualTo(A1);
        assertThat(desks.notes()).hasSize(20);
        DeskEvent.Note first = desks.notes().getFirst();
        assertThat(first.text()).isEqualTo("lunch at noon? 1");
        assertThat(first.fromUserId()).isEqualTo(bob.userId());
        assertThat(first.fromName()).isEqualTo(b.world().snapshot().self().displayName());
        assertThat(first.desk()).isEqualTo(A1);
        assertThat(list(b, "b-list").notes()).as("only the holder reads them").isEmpty();
        assertThat(request(back, new DeskCommand.NotesRead(desks.notes().stream().map(DeskEvent.Note::id).toList(),
                "a-read"))).isNull();
        assertThat(list(back, "a-list-2").notes()).isEmpty();
    }

    @Test
    void someoneWhoStartsAtTheirDeskIsPlacedAtItsSeatWhenTheyEnter() {
        Office o = Office.create();
        AuthResponse ann = o.ann();
        String office = o.id();
        Connection f = SERVER.join(o.fay(), office);
        Connection a = SERVER.join(ann, office);
        var seat = DeskProbe.desk(A3).seat();
        assertThat(request(a, new DeskCommand.Claim(A3, "a-claim"))).isNull();
        assertThat(request(a, new DeskCommand.Settings(true, "a-on"))).isNull();
        assertThat(list(a, "a-list").goToDesk()).isTrue();
        leave(a, f, ann);

        Connection back = SERVER.join(ann, office);
        var me = back.world().snapshot().self();
        assertThat(new double[] {me.x(), me.y()}).containsExactly(seat.x(), seat.y());

        // With the setting off: where I last was (a move is handled before the leave that follows it).
        assertThat(request(back, new DeskCommand.Settings(false, "a-off"))).isNull();
        back.move(seat.x() + 64, seat.y());
        leave(back, f, ann);
        Connection off = SERVER.join(ann, office);
        me = off.world().snapshot().self();
        assertThat(new double[] {me.x(), me.y()}).containsExactly(seat.x() + 64, seat.y());
    }
}
