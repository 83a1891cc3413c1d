package io.skyscope.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.client.InviteLink.Kind;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InviteLinkTest {
    private static final String CODE = "Ab3_-xYz09QrStUv";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "skyscope://invite/office.example.com/" + CODE + ", INVITE, https://office.example.com/",
            "skyscope://guest/office.example.com/" + CODE + ", GUEST, https://office.example.com/",
            "skyscope://invite/localhost:8080/" + CODE + "?scheme=http, INVITE, http://localhost:8080/",
            "SkyScope://Invite/office.example.com/" + CODE + "/, INVITE, https://office.example.com/",
            "skyscope://invite/example.com/skyscope/" + CODE + ", INVITE, https://example.com/skyscope/",
            "skyscope://guest/[::1]:9000/" + CODE + "?scheme=http, GUEST, http://[::1]:9000/",
            "https://office.example.com/invite/" + CODE + ", INVITE, https://office.example.com/",
            "http://127.0.0.1:8080/guest/" + CODE + ", GUEST, http://127.0.0.1:8080/",
            "https://example.com/skyscope/guest/" + CODE + ", GUEST, https://example.com/skyscope/",
            "'  https://office.example.com/invite/" + CODE + "/  ', INVITE, https://office.example.com/",
    })
    void parsesTheAppAndWebForms(String link, Kind kind, String server) {
        InviteLink parsed = InviteLink.parse(link);
        assertThat(parsed.kind()).isEqualTo(kind);
        assertThat(parsed.server()).isEqualTo(URI.create(server));
        assertThat(parsed.code()).isEqualTo(CODE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://office.example.com/invite/" + CODE + ", skyscope://invite/office.example.com/" + CODE,
            "http://localhost:8080/guest/" + CODE + ", skyscope://guest/localhost:8080/" + CODE + "?scheme=http",
            "https://example.com/skyscope/guest/" + CODE + ", skyscope://guest/example.com/skyscope/" + CODE,
    })
    void theAppFormLeadsBackToTheSameServerAndCode(String web, String app) {
        InviteLink parsed = InviteLink.parse(web);
        assertThat(parsed.appLink()).isEqualTo(app);
        assertThat(InviteLink.parse(parsed.appLink())).isEqualTo(parsed);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "",
            "   ",
            "ftp://office.example.com/invite/" + CODE,
            "skyscope://join/office.example.com/" + CODE,
            "skyscope://invite/" + CODE,
            "skyscope://invite/office.example.com/short",
            "skyscope://invite/office.example.com/" + CODE + "?scheme=ftp",
            "skyscope://invite/office.example.com/" + CODE + "#x",
            "skyscope://invite/office example.com/" + CODE,
            "skyscope://invite",
            "skyscope://invite/bank.example@evil.example/" + CODE,
            "https://user@office.example.com/invite/" + CODE,
            "https://office.example.com/invite/" + CODE + "#x",
            "https://office.example.com/invite/" + CODE + "?next=evil",
            "https://office.example.com/" + CODE,
            "https://office.example.com/invite/bad%20code%20here",
            "https://office.example.com/invite/<script>alert(1)</script>",
            "not a link at all",
            "mailto:someone@example.com",
    })
    void refusesWhatIsNotAnInviteLinkSayingWhy(String text) {
        assertThatThrownBy(() -> InviteLink.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Exception");
    }

    @org.junit.jupiter.api.Test
    void refusesAnAbsurdlyLongLink() {
        String link = "https://office.example.com/" + "a/".repeat(2000) + "invite/" + CODE;
        assertThatThrownBy(() -> InviteLink.parse(link)).hasMessageContaining("longer than");
    }
}
