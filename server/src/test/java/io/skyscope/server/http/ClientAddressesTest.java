package io.skyscope.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    private final ClientAddresses behindProxies = new ClientAddresses(
            TrustedProxies.parse(List.of("10.0.0.5", "192.168.0.0/16", "fd00::/8")));

    @Test
    void withoutTrustedProxiesTheConnectionsAddressIsTheClient() {
        assertThat(ClientAddresses.direct().resolve("10.0.0.5", List.of("1.2.3.4"))).isEqualTo("10.0.0.5");
    }

    @Test
    void onlyATrustedProxysForwardedForIsBelieved() {
        assertThat(behindProxies.resolve("10.0.0.5", List.of("1.2.3.4"))).isEqualTo("1.2.3.4");
        assertThat(behindProxies.resolve("10.0.0.6", List.of("1.2.3.4"))).isEqualTo("10.0.0.6");
        assertThat(behindProxies.resolve("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
    }

    @Test
    void theNearestUntrustedHopFromTheRightIsTheClient() {
        // The client wrote "6.6.6.6" itself; the proxies appended what they saw.
        assertThat(behindProxies.resolve("10.0.0.5", List.of("6.6.6.6", " 1.2.3.4", "192.168.3.3")))
                .isEqualTo("1.2.3.4");
        assertThat(behindProxies.resolve("10.0.0.5", List.of("1.2.3.4", "not-an-address")))
                .as("garbage stops the walk at the proxy that passed it").isEqualTo("10.0.0.5");
        assertThat(behindProxies.resolve("fd00::1", List.of("[2001:db8::7]"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void rangesMatchByPrefixAndBadEntriesAreNamed() throws Exception {
        TrustedProxies p = TrustedProxies.parse(List.of("172.16.0.0/12"));
        assertThat(p.contains(InetAddress.ofLiteral("172.31.255.1"))).isTrue();
        assertThat(p.contains(InetAddress.ofLiteral("172.32.0.1"))).isFalse();
        assertThat(p.contains(InetAddress.ofLiteral("::1"))).isFalse();
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("proxy.example.com")))
                .hasMessageContaining("'proxy.example.com'");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33"))).hasMessageContaining("0 to 32");
    }
}
