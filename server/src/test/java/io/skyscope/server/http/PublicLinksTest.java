package io.skyscope.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.InviteLink;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicLinksTest {
    @ParameterizedTest(name = "PUBLIC_URL={0} HOST={1}")
    @CsvSource({
            "https://office.example.com/, 0.0.0.0, https://office.example.com/invite/C0deC0de, "
                    + "skyscope://invite/office.example.com/C0deC0de",
            "https://example.com/skyscope, 0.0.0.0, https://example.com/skyscope/invite/C0deC0de, "
                    + "skyscope://invite/example.com/skyscope/C0deC0de",
            "http://office.lan:8080, 0.0.0.0, http://office.lan:8080/invite/C0deC0de, "
                    + "skyscope://invite/office.lan:8080/C0deC0de?scheme=http",
            ", 0.0.0.0, http://localhost:8080/invite/C0deC0de, skyscope://invite/localhost:8080/C0deC0de?scheme=http",
            ", ::, http://localhost:8080/invite/C0deC0de, skyscope://invite/localhost:8080/C0deC0de?scheme=http",
            ", 10.0.0.5, http://10.0.0.5:8080/invite/C0deC0de, skyscope://invite/10.0.0.5:8080/C0deC0de?scheme=http",
    })
    void linksStartAtPublicUrlOrAtThisServer(String publicUrl, String host, String web, String app) {
        var links = new PublicLinks(publicUrl, host, () -> 8080);
        assertThat(links.web(PublicLinks.INVITE, "C0deC0de")).isEqualTo(web);
        assertThat(links.app(PublicLinks.INVITE, "C0deC0de")).isEqualTo(app);
        // The client reads both forms back to the same server and code.
        InviteLink fromWeb = InviteLink.parse(web);
        assertThat(InviteLink.parse(app)).isEqualTo(fromWeb);
        assertThat(fromWeb.server()).isEqualTo(URI.create(links.base() + "/"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<script>alert(\"x\")</script> | &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;",
            "Tom & Jerry's | Tom &amp; Jerry&#39;s",
    })
    void pagesEscapeWhatTheyShow(String text, String escaped) {
        assertThat(InvitePages.escape(text)).isEqualTo(escaped);
    }
}
