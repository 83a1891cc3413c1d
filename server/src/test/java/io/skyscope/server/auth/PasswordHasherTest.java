package io.skyscope.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashIsAnArgon2idPhcStringWithOwaspParameters() {
        String phc = hasher.hash("correct horse battery staple");

        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.hash("correct horse battery staple")).as("fresh salt each time").isNotEqualTo(phc);
        assertThat(hasher.needsRehash(phc)).isFalse();
    }

    @Test
    void rightPasswordVerifiesAndWrongOneDoesNot() {
        String phc = hasher.hash("pässwörd-😀");

        assertThat(hasher.verify("pässwörd-😀", phc)).isTrue();
        assertThat(hasher.verify("pässwörd-😁", phc)).isFalse();
        assertThat(hasher.verify("", phc)).isFalse();
        assertThat(hasher.verify(null, phc)).isFalse();
    }

    @Test
    void tamperedStringsNeverVerify() {
        String phc = hasher.hash("secret-password");
        String[] parts = phc.split("\\$");
        byte[] hash = Base64.getDecoder().decode(parts[5]);
        hash[0] ^= 1;
        String flippedHash = "$" + parts[1] + "$" + parts[2] + "$" + parts[3] + "$" + parts[4] + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(hash);

        assertThat(hasher.verify("secret-password", flippedHash)).isFalse();
        assertThat(hasher.verify("secret-password", phc.replace("t=2", "t=3"))).isFalse();
        assertThat(hasher.verify("secret-password", phc.replace("$argon2id$", "$argon2i$"))).isFalse();
        assertThat(hasher.verify("secret-password", phc.replace("v=19", "v=16"))).isFalse();
        assertThat(hasher.verify("secret-password", phc.replace("m=19456", "m=99999999"))).isFalse();
        assertThat(hasher.verify("secret-password", phc.substring(0, phc.length() - 4))).isFalse();
        assertThat(hasher.verify("secret-password", "not a hash")).isFalse();
        assertThat(hasher.verify("secret-password", null)).isFalse();
    }

    @Test
    void parametersAreReadFromTheStoredString() {
        PasswordHasher light = new PasswordHasher(1024, 1, 2);
        String phc = light.hash("secret-password");

        assertThat(phc).startsWith("$argon2id$v=19$m=1024,t=1,p=2$");
        assertThat(hasher.verify("secret-password", phc)).as("default hasher reads m, t, p from the string").isTrue();
        assertThat(hasher.needsRehash(phc)).isTrue();
    }
}
