package io.skyscope.server.chat.store;

import io.skyscope.server.http.HttpErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.server.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatKeysTest {

    @Test
    void idsSortInSequenceOrderAndParseBack() {
        String a = ChatKeys.id(ChatKeys.space("office"), 9);
        String b = ChatKeys.id(ChatKeys.space("office"), 10);
        assertThat(a).isEqualTo("s:office:000000000009");
        assertThat(a).isLessThan(b);
        var id = ChatKeys.parse("messageId", b);
        assertThat(id.key()).isEqualTo("s:office");
        assertThat(id.seq()).isEqualTo(10);
        assertThat(id.scope()).isEqualTo("office");
        assertThat(ChatKeys.parse("m", ChatKeys.id(ChatKeys.inbox("office", "u-1"), 3)).scope()).isEqualTo("office");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "office", "s:office:12", "x:office:000000000001", "s:office:00000000000a", "s::"})
    void refusesWhatTheServerDidNotHandOut(String id) {
        assertThatThrownBy(() -> ChatKeys.parse("before", id))
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(HttpErrors.status(e.code())).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("before");
                });
    }
}
