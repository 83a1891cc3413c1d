package io.skyscope.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatProtocolTest {

    @Test
    void decodesAChatSend() throws Exception {
        var send = ProtocolCodec.decodeClient("""
                {"type":"chat.send","channel":"conv:d-abc_1","text":"hi\\n\\tthere","clientMessageId":"c-12345678",
                 "replyTo":"s:office:000000000007","ref":"r1"}""");
        assertThat(send).isEqualTo(new ChatCommand.Send("conv:d-abc_1", "hi\n\tthere", "c-12345678",
                "s:office:000000000007", "r1"));
        assertThat(send).isInstanceOf(ChatCommand.class);
    }

    @Test
    void textIsCountedInCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00".repeat(Limits.MAX_CHAT_TEXT);
        assertThat(new ChatCommand.Send("space", emoji, "abcdefgh", null, null).text()).hasSize(2 * Limits.MAX_CHAT_TEXT);
        assertThatThrownBy(() -> new ChatCommand.Send("space", emoji + "x", "abcdefgh", null, null))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("at most 4000");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # frame                                                                               | field           | message contains
            {"type":"chat.send","channel":"lobby","text":"x","clientMessageId":"abcdefgh"}        | channel         | 'space', 'nearby' or 'conv:<id>'
            {"type":"chat.send","channel":"conv:","text":"x","clientMessageId":"abcdefgh"}        | channel         | conv:<id>
            {"type":"chat.send","channel":"conv:a b","text":"x","clientMessageId":"abcdefgh"}     | channel         | conv:<id>
            {"type":"chat.send","channel":"space","text":"","clientMessageId":"abcdefgh"}         | text            | empty or blank
            {"type":"chat.send","channel":"space","text":" \\n ","clientMessageId":"abcdefgh"}    | text            | empty or blank
            {"type":"chat.send","channel":"space","text":"a\\u0000b","clientMessageId":"abcdefgh"}| text            | control character U+0000
            {"type":"chat.send","channel":"space","text":"a\\rb","clientMessageId":"abcdefgh"}    | text            | control character U+000D
            {"type":"chat.send","channel":"space","text":"evil\\u202Etxt.exe","clientMessageId":"abcdefgh"} | text   | control character U+202E
            {"type":"chat.send","channel":"space","text":"a\\u2028b","clientMessageId":"abcdefgh"}| text            | control character U+2028
            {"type":"chat.edit","messageId":"s:office:1","text":"a\\u2066b"}                       | text            | control character U+2066
            {"type":"chat.send","channel":"space","text":"hi","clientMessageId":"short"}          | clientMessageId | 8 to 64 characters
            {"type":"chat.send","channel":"space","text":"hi","clientMessageId":"abc defgh"}      | clientMessageId | 8 to 64 characters
            {"type":"chat.send","channel":"space","text":"hi"}                                    | clientMessageId | 'clientMessageId' is required
            {"type":"chat.send","channel":"space","text":"hi","clientMessageId":"abcdefgh","replyTo":"a/b"} | replyTo | not a message id
            {"type":"chat.edit","messageId":"s:office:1","text":"x","html":"<b>"}                 | html            | unknown field 'html'
            {"type":"chat.delete"}                                                                | messageId       | 'messageId' is required
            {"type":"chat.read","channel":"space"}                                                | messageId       | 'messageId' is required
            {"type":"chat.typing","channel":7}                                                    | channel         | channel
            """)
    void rejectsBadChatFramesNamingTheField(String frame, String field, String contains) {
        assertThatThrownBy(() -> ProtocolCodec.decodeClient(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
                    assertThat(e.field()).isEqualTo(field.strip());
                    assertThat(e.getMessage()).contains(contains.strip());
                });
    }

    @Test
    void longTextIsRefusedWithItsLength() {
        String frame = "{\"type\":\"chat.send\",\"channel\":\"space\",\"clientMessageId\":\"abcdefgh\",\"text\":\""
                + "a".repeat(Limits.MAX_CHAT_TEXT + 1) + "\"}";
        assertThatThrownBy(() -> ProtocolCodec.decodeClient(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.field()).isEqualTo("text");
                    assertThat(e.getMessage()).contains("at most 4000 characters, got 4001");
                });
    }

    @Test
    void chatEventsRoundTrip() throws Exception {
        var message = new ChatMessage("s:office:000000000042", "office", "space", "u1", "Ana", "hello @ben",
                Instant.parse("2026-11-03T10:15:30.123Z"), null, List.of("u2"), null, false);
        String json = ProtocolCodec.encode(new ChatEvent.Message(message));
        assertThat(json).startsWith("{\"type\":\"chat.message\"").contains("\"sentAt\":\"2026-11-03T10:15:30.123Z\"");
        assertThat(ProtocolCodec.decodeServer(json)).isEqualTo(new ChatEvent.Message(message));

        var ack = new ChatEvent.Ack("r1", "abcdefgh", message.id(), "space", message.sentAt());
        assertThat(ProtocolCodec.decodeServer(ProtocolCodec.encode(ack))).isEqualTo(ack);
        assertThat(ProtocolCodec.typeName(ack)).isEqualTo("chat.ack");
        assertThat(ProtocolCodec.typeName(new ChatCommand.Typing("space", null))).isEqualTo("chat.typing");
        assertThat(ProtocolCodec.typeName(new ChatEvent.Typing("space", "office", "u1", "Ana"))).isEqualTo("chat.typing");
    }
}
