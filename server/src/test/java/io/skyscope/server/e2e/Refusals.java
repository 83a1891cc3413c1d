package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.client.ApiError;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the error a REST call answers with. */
final class Refusals {
    private Refusals() {
    }

    /** The call fails with this HTTP status and error code ({@code code} null: any code). */
    static void assertRefused(ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
            if (code != null) {
                assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            }
        });
    }
}
