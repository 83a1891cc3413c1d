package io.skyscope.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolCodecTest {

    @Test
    void subtypeListsMatchThePermittedRecords() {
        assertThat(ProtocolCodec.MessageTypes.of(ClientMessage.class).values())
                .containsExactlyInAnyOrderElementsOf(ProtocolCodec.MessageTypes.records(ClientMessage.class));
        assertThat(ProtocolCodec.MessageTypes.of(ServerMessage.class).values())
                .containsExactlyInAnyOrderElementsOf(ProtocolCodec.MessageTypes.records(ServerMessage.class));
        assertThat(ProtocolCodec.MessageTypes.records(ClientMessage.class))
                .contains(ChatCommand.Send.class, ChatCommand.Read.class, ClientMessage.VoiceCommand.Signal.class);
    }

    @Test
    void typeNamesAreLowerCaseAndDotted() {
        for (String type : concat(ProtocolCodec.clientTypes(), ProtocolCodec.serverTypes())) {
            assertThat(type).matches("[a-z]+(\\.[a-z]+)*");
        }
    }

    @Test
    void decodesAMoveWithRef() throws Exception {
        var move = ProtocolCodec.decodeClient("{\"type\":\"move\",\"x\":10.5,\"y\":20,\"seq\":7,\"ref\":\"r1\"}");
        assertThat(move).isEqualTo(new ClientMessage.Move(10.5, 20, 7, "r1"));
    }

    @Test
    void voiceStateWithoutCameraAndScreenMeansBothOffEitherWay() throws Exception {
        assertThat(ProtocolCodec.decodeClient("{\"type\":\"voice.state\",\"muted\":true,\"speaking\":false}"))
                .isEqualTo(new ClientMessage.VoiceCommand.VoiceState(true, false, false, false, null));
        assertThat(ProtocolCodec.decodeServerStrictly("{\"type\":\"voice.state\",\"userId\":\"u\",\"muted\":false,"
                + "\"speaking\":true}")).isEqualTo(new ServerMessage.VoiceState("u", false, true, false, false));
    }

    @Test
    void serverMessagesRoundTripWithTheirType() throws Exception {
        var error = ServerMessage.Error.of("unknown_type", "nope", "r9");
        String json = ProtocolCodec.encode(error);
        assertThat(json).contains("\"type\":\"error\"").doesNotContain("retryAfterMs");
        assertThat(ProtocolCodec.decodeServer(json)).isEqualTo(error);
    }

    @Test
    void clientReadsServerFramesWithFieldsItDoesNotKnow() throws Exception {
        var pong = ProtocolCodec.decodeServer("{\"type\":\"pong\",\"ref\":\"a\",\"serverTime\":5,\"future\":true}");
        assertThat(pong).isEqualTo(new ServerMessage.Pong("a", 5));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # frame                                                             | code          | field  | message contains
            not json                                                            | invalid_json  |        | not valid JSON
            [1,2]                                                               | invalid_json  |        | JSON object
            {"x":1}                                                             | invalid_field | type   | 'type' is required
            {"type":"teleport","ref":"q"}                                       | unknown_type  | type   | known types: join, leave, move
            {"type":"move","x":1,"x":2,"y":1,"seq":1}                           | invalid_json  |        | Duplicate field 'x'
            {"type":"move","y":1,"seq":1}                                       | invalid_field | x      | 'x' is required
            {"type":"move","x":"1","y":1,"seq":1}                               | invalid_field | x      | 'x' must be a number
            {"type":"move","x":1,"y":1,"seq":1.5}                               | invalid_field | seq    | whole number
            {"type":"move","x":-5,"y":1,"seq":1}                                | invalid_field | x      | between 0 and
            {"type":"move","x":1,"y":1e9,"seq":1}                               | invalid_field | y      | between 0 and
            {"type":"move","x":1,"y":1,"seq":-1}                                | invalid_field | seq    | must not be negative
            {"type":"move","x":null,"y":1,"seq":1}                              | invalid_field | x      | x
            {"type":"move","x":1,"y":1,"seq":1,"speed":9}                       | invalid_field | speed  | unknown field 'speed'
            {"type":"join"}                                                     | invalid_field | spaceId| 'spaceId' is required
            {"type":"join","spaceId":""}                                        | invalid_field | spaceId| 1 to 64 characters
            {"type":"status","status":"asleep"}                                 | invalid_field | status | allowed: available, busy, away, dnd
            {"type":"status","status":"busy","text":"a\\u0007b"}                | invalid_field | text   | control character U+0007
            {"type":"status","status":"busy","text":"a\\u202Eb"}                | invalid_field | text   | control character U+202E
            {"type":"status","status":"busy","text":"two\\nlines"}             | invalid_field | text   | control character U+000A
            {"type":"signal","to":"u2"}                                         | invalid_field | payload| 'payload' is required
            {"type":"signal","to":"u2","payload":"offer"}                       | invalid_field | payload| must be a JSON object
            {"type":"signal","payload":{}}                                      | invalid_field | to     | 'to' is required
            {"type":"voice.state","muted":true}                                 | invalid_field | speaking| 'speaking' is required
            {"type":"stage.speaker","userId":"u1","speaker":"yes"}              | invalid_field | speaker| true or false
            """)
    void rejectsBadFramesNamingTheProblem(String frame, String code, String field, String contains) {
        assertThatThrownBy(() -> ProtocolCodec.decodeClient(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code().wire()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo(field == null ? null : field.strip());
                    assertThat(e.getMessage()).contains(contains.strip());
                });
    }

    @Test
    void echoesTheRefOfAFrameItRejects() {
        assertThatThrownBy(() -> ProtocolCodec.decodeClient("{\"type\":\"move\",\"ref\":\"abc\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.ref()).isEqualTo("abc"));
    }

    @Test
    void aSignalCarriesAnyJsonObjectAndComesBackAsSent() throws Exception {
        String frame = "{\"type\":\"signal\",\"to\":\"u2\",\"payload\":{\"sdp\":{\"type\":\"offer\","
                + "\"sdp\":\"v=0\\r\\n\"}},\"ref\":\"s1\"}";
        var signal = (ClientMessage.VoiceCommand.Signal) ProtocolCodec.decodeClient(frame);
        assertThat(signal.to()).isEqualTo("u2");
        assertThat(signal.payload().get("sdp").get("type").textValue()).isEqualTo("offer");
        var relayed = new ServerMessage.Signal("u1", signal.payload());
        assertThat(ProtocolCodec.decodeServer(ProtocolCodec.encode(relayed))).isEqualTo(relayed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            null                                              | {"candidate":""}
            {"candidate":null,"sdpMid":"0","sdpMLineIndex":0}  | {"candidate":"","sdpMid":"0","sdpMLineIndex":0}
            {"candidate":"","sdpMid":"0"}                     | {"candidate":"","sdpMid":"0"}
            """)
    void theEndOfCandidatesIsAcceptedInEachBrowsersShapeAndRelayedInOne(String payload, String relayed)
            throws Exception {
        var signal = (ClientMessage.VoiceCommand.Signal) ProtocolCodec.decodeClient(
                "{\"type\":\"signal\",\"to\":\"u2\",\"payload\":" + payload + "}");
        assertThat(signal.payload()).isEqualTo(new ObjectMapper().readTree(relayed));
    }

    @Test
    void aSignalPayloadOverTheCapIsRefusedNamingTheLimit() {
        String big = "x".repeat(Limits.MAX_SIGNAL_PAYLOAD_BYTES);
        String frame = "{\"type\":\"signal\",\"to\":\"u2\",\"payload\":{\"sdp\":\"" + big + "\"}}";
        assertThatThrownBy(() -> ProtocolCodec.decodeClient(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.field()).isEqualTo("payload");
                    assertThat(e.getMessage()).contains(String.valueOf(Limits.MAX_SIGNAL_PAYLOAD_BYTES));
                });
    }

    @Test
    void theWelcomeCarriesIceServersWithTimeLimitedTurnCredentials() throws Exception {
        var welcome = new ServerMessage.Welcome("r", 1, null, null, null, List.of(), 5, List.of(
                new ServerMessage.IceServer(List.of("stun:stun.example.org:3478"), null, null),
                new ServerMessage.IceServer(List.of("turn:turn.example.org:3478?transport=udp"), "1700000000:u1", "c2VjcmV0")), null);
        String json = ProtocolCodec.encode(welcome);
        assertThat(json).contains("\"iceServers\":[{\"urls\":[\"stun:stun.example.org:3478\"]}");
        assertThat(ProtocolCodec.decodeServer(json)).isEqualTo(welcome);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

}
