package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.client.ApiError;
import io.skyscope.client.GuestApi;
import io.skyscope.client.PeopleApi;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.protocol.rest.PeopleList;
import io.skyscope.protocol.rest.PersonMatch;
import io.skyscope.protocol.rest.SpaceView;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Finding people over the real sockets: by username or display name, any case, anywhere in the
 * name, among the members of spaces the searcher shares with them; a stranger is never found (nor
 * finds anyone), guests are neither found nor may search; pages follow the cursor; queries are capped.
 */
class PeopleSearchEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final PeopleApi people = new PeopleApi(SERVER.api());
    private final GuestApi guests = new GuestApi(SERVER.api());

    @Test
    void findsOnlyPeopleInSharedSpaces() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        AuthResponse ana = registered("ana" + tag, "Ana Quill");
        AuthResponse bea = registered("bea" + tag, "Beatrix Quillon");
        AuthResponse cid = registered("cid" + tag, "Cid Quilter");
        AuthResponse stranger = registered("zed" + tag, "Quill Stranger");
        String studio = spaceWith(ana, bea);
        spaceWith(bea, cid);
        // A public space the stranger is not in, and a guest in ana's space: neither is found.
        GuestApi g = guests;
        g.join(g.createGuestLink(ana.accessToken(), studio, null, null).code(), "Quill Guest");

        assertThat(names(people.find(ana.accessToken(), "quill", null, null)))
                .containsExactly("Beatrix Quillon");
        assertThat(names(people.find(ana.accessToken(), "BEA" + tag.toUpperCase(), null, null)))
                .containsExactly("Beatrix Quillon");
        assertThat(names(people.find(bea.accessToken(), "QUIL", null, null)))
                .containsExactly("Ana Quill", "Cid Quilter");
        assertThat(people.find(ana.accessToken(), "cid" + tag, null, null).people())
                .as("cid shares no space with ana").isEmpty();
        assertThat(people.find(ana.accessToken(), "stranger", null, null).people()).isEmpty();
        assertThat(people.find(stranger.accessToken(), "quill", null, null).people())
                .as("a stranger finds nobody").isEmpty();
        assertThat(people.find(bea.accessToken(), "guest", null, null).people()).isEmpty();

        assertThatThrownBy(() -> people.find(ana.accessToken(), "q".repeat(65), null, null))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("q"));
        assertThatThrownBy(() -> people.find(ana.accessToken(), " ", null, null))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("q"));
        assertThatThrownBy(() -> people.find(ana.accessToken(), "quill", null, 51))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("limit"));
        assertThatThrownBy(() -> people.find(null, "quill", null, null))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void pagesFollowTheCursorWithNamesThatStartWithTheQueryFirst() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        AuthResponse host = registered("host" + tag, "Host " + tag);
        List<AuthResponse> crowd = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            crowd.add(registered("m" + i + tag, (i % 2 == 0 ? "Pat " : "Old Pat ") + i));
        }
        spaceWith(host, crowd.toArray(AuthResponse[]::new));

        List<String> seen = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 10; page++) {
            PeopleList list = people.find(host.accessToken(), "pat", after, 2);
            assertThat(list.people()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(names(list));
            after = list.next();
            if (after == null) {
                break;
            }
        }
        assertThat(seen).containsExactly("Pat 0", "Pat 2", "Pat 4", "Old Pat 1", "Old Pat 3");
    }

    private static List<String> names(PeopleList list) {
        return list.people().stream().map(PersonMatch::displayName).toList();
    }

    private static AuthResponse registered(String username, String displayName) {
        return SERVER.api().register(username, "quiet harbour lanterns glow " + username, displayName);
    }

    private static String spaceWith(AuthResponse owner, AuthResponse... members) {
        String id = SERVER.api().createSpace(owner.accessToken(), "Shared " + UUID.randomUUID(), "private").id();
        InviteView invite = new GuestApi(SERVER.api()).createInvite(owner.accessToken(), id);
        for (AuthResponse m : members) {
            SERVER.api().send("POST", "api/v1/invites/" + invite.code() + "/accept", m.accessToken(), null,
                    SpaceView.class);
        }
        return id;
    }
}
