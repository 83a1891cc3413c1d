package io.skyscope.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.server.Refused;
import io.skyscope.server.chat.store.ChatKeys;
import org.junit.jupiter.api.Test;

/** A channel is parsed once, from the wire or from a stored id, and gives both forms back unchanged. */
class ChannelTest {

    @Test
    void aStoredMessageIdNamesItsChannel() {
        var id = ChatKeys.parse("messageId", ChatKeys.id(ChatKeys.space("office"), 10));
        assertThat(Channel.of(id)).get().extracting(Channel::wire).isEqualTo("space");
        assertThat(Channel.of(ChatKeys.parse("m", ChatKeys.id(ChatKeys.conversation("g-x"), 1))))
                .get().extracting(Channel::wire).isEqualTo("conv:g-x");
        assertThat(Channel.of(ChatKeys.parse("m", ChatKeys.id(ChatKeys.nearby("office"), 1))))
                .contains(new Channel.Nearby("office"));
        assertThat(Channel.of(ChatKeys.parse("m", ChatKeys.id(ChatKeys.inbox("office", "u-1"), 3)))).isEmpty();
        assertThat(Channel.of(ChatKeys.parse("m", ChatKeys.id(ChatKeys.notifications("u-1"), 3)))).isEmpty();
    }

    @Test
    void theWireFormParsesOnceAndKeepsItsKeys() {
        assertThat(Channel.fromWire("conv:d-1", null)).isEqualTo(new Channel.Conversation("d-1"));
        assertThat(Channel.fromWire("space", "office").key()).isEqualTo("s:office");
        assertThat(Channel.fromWire("nearby", "office").key()).isEqualTo("n:office");
        assertThat(Channel.fromWire("conv:d-1", "office").key()).isEqualTo("c:d-1");
        assertThatThrownBy(() -> Channel.fromWire("nearby", null))
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_IN_SPACE);
                    assertThat(e.field()).isEqualTo("channel");
                });
    }
}
