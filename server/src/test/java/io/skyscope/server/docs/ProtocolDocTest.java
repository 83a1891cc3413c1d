package io.skyscope.server.docs;

import io.skyscope.protocol.ErrorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import io.skyscope.protocol.Json;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.rest.AccountDeletion;
import io.skyscope.protocol.rest.AuthOptions;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.SsoAuthorization;
import io.skyscope.protocol.rest.SsoFinish;
import io.skyscope.protocol.rest.SsoStart;
import io.skyscope.protocol.rest.ChatSettings;
import io.skyscope.protocol.rest.ConversationCreate;
import io.skyscope.protocol.rest.ConversationList;
import io.skyscope.protocol.rest.ConversationView;
import io.skyscope.protocol.rest.EmailAddress;
import io.skyscope.protocol.rest.EmailLogin;
import io.skyscope.protocol.rest.EmailVerification;
import io.skyscope.protocol.rest.FollowSettings;
import io.skyscope.protocol.rest.FollowingList;
import io.skyscope.protocol.rest.PasswordReset;
import io.skyscope.protocol.rest.GuestJoin;
import io.skyscope.protocol.rest.GuestJoined;
import io.skyscope.protocol.rest.GuestLinkCreate;
import io.skyscope.protocol.rest.GuestLinkList;
import io.skyscope.protocol.rest.GuestLinkView;
import io.skyscope.protocol.rest.GuestMessages;
import io.skyscope.protocol.rest.InviteList;
import io.skyscope.protocol.rest.PeopleList;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.protocol.rest.LoginRequest;
import io.skyscope.protocol.rest.MemberList;
import io.skyscope.protocol.rest.MemberView;
import io.skyscope.protocol.rest.MessagePage;
import io.skyscope.protocol.rest.NotificationList;
import io.skyscope.protocol.rest.ParticipantAdd;
import io.skyscope.protocol.rest.PasswordChange;
import io.skyscope.protocol.rest.Profile;
import io.skyscope.protocol.rest.ProfileCard;
import io.skyscope.protocol.rest.ProfileUpdate;
import io.skyscope.protocol.rest.RefreshRequest;
import io.skyscope.protocol.rest.RegisterRequest;
import io.skyscope.protocol.rest.ReportCreate;
import io.skyscope.protocol.rest.ReportList;
import io.skyscope.protocol.rest.ReportView;
import io.skyscope.protocol.rest.RoleChange;
import io.skyscope.protocol.rest.SanctionList;
import io.skyscope.protocol.rest.SanctionRequest;
import io.skyscope.protocol.rest.SanctionView;
import io.skyscope.protocol.rest.SpaceCreate;
import io.skyscope.protocol.rest.SpaceList;
import io.skyscope.protocol.rest.SpaceView;
import io.skyscope.protocol.rest.VoiceSettingsView;
import io.skyscope.protocol.rest.UnreadList;
import io.skyscope.server.e2e.ServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keeps docs/protocol.md and the code in step: every WebSocket message type and every REST route
 * of the running server has a section with an example, and every example goes through the real
 * codec (WebSocket frames) or the real request/response records (REST bodies) strictly.
 */
class ProtocolDocTest {
    private static final Set<HandlerType> VERBS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);

    /** The records a route's JSON examples must be (each example must strictly parse as one of them). */
    private static final Map<String, List<Class<?>>> REST_BODIES = Map.ofEntries(
            Map.entry("POST /api/v1/auth/register", List.of(RegisterRequest.class, AuthResponse.class)),
            Map.entry("POST /api/v1/auth/login", List.of(LoginRequest.class, AuthResponse.class)),
            Map.entry("POST /api/v1/auth/refresh", List.of(RefreshRequest.class, AuthResponse.class)),
            Map.entry("POST /api/v1/auth/logout", List.of(RefreshRequest.class)),
            Map.entry("GET /api/v1/me", List.of(Profile.class)),
            Map.entry("PATCH /api/v1/me", List.of(ProfileUpdate.class, Profile.class)),
            Map.entry("POST /api/v1/me/password", List.of(PasswordChange.class)),
            Map.entry("DELETE /api/v1/me", List.of(AccountDeletion.class)),
            Map.entry("POST /api/v1/me/email", List.of(EmailAddress.class)),
            Map.entry("GET /api/v1/users/{userId}", List.of(ProfileCard.class)),
            Map.entry("PUT /api/v1/me/photo", List.of(Profile.class)),
            Map.entry("GET /api/v1/me/following", List.of(FollowingList.class)),
            Map.entry("GET /api/v1/me/follow-settings", List.of(FollowSettings.class)),
            Map.entry("PUT /api/v1/me/follow-settings", List.of(FollowSettings.class)),
            Map.entry("DELETE /api/v1/me/photo", List.of(Profile.class)),
            Map.entry("POST /api/v1/me/email/verify", List.of(EmailVerification.class, Profile.class)),
            Map.entry("POST /api/v1/auth/email/code", List.of(EmailAddress.class)),
            Map.entry("POST /api/v1/auth/email/login", List.of(EmailLogin.class, AuthResponse.class)),
            Map.entry("POST /api/v1/auth/password-reset/code", List.of(EmailAddress.class)),
            Map.entry("POST /api/v1/auth/password-reset", List.of(PasswordReset.class)),
            Map.entry("GET /api/v1/auth/options", List.of(AuthOptions.class)),
            Map.entry("POST /api/v1/auth/sso/start", List.of(SsoStart.class, SsoAuthorization.class)),
            Map.entry("POST /api/v1/auth/sso/finish", List.of(SsoFinish.class, AuthResponse.class)),
            Map.entry("GET /api/v1/spaces", List.of(SpaceList.class)),
            Map.entry("POST /api/v1/spaces", List.of(SpaceCreate.class, SpaceView.class)),
            Map.entry("GET /api/v1/spaces/{spaceId}", List.of(SpaceView.class)),
            Map.entry("GET /api/v1/spaces/{spaceId}/members", List.of(MemberList.class)),
            Map.entry("PUT /api/v1/spaces/{spaceId}/members/{userId}", List.of(RoleChange.class, MemberView.class)),
            Map.entry("POST /api/v1/spaces/{spaceId}/invites", List.of(InviteView.class)),
            Map.entry("GET /api/v1/spaces/{spaceId}/invites", List.of(InviteList.class)),
            Map.entry("POST /api/v1/invites/{code}/accept", List.of(SpaceView.class)),
            Map.entry("GET /api/v1/spaces/{spaceId}/voice-settings", List.of(VoiceSettingsView.class)),
            Map.entry("PUT /api/v1/spaces/{spaceId}/voice-settings", List.of(VoiceSettingsView.class)),
            Map.entry("GET /api/v1/spaces/{spaceId}/messages", List.of(MessagePage.class)),
            Map.entry("GET /api/v1/conversations/{convId}/messages", List.of(MessagePage.class)),
            Map.entry("GET /api/v1/spaces/{spaceId}/unread", List.of(UnreadList.class)),
            Map.entry("POST /api/v1/spaces/{spaceId}/conversations",
                    List.of(ConversationCreate.class, ConversationView.class)),
            Map.entry("GET /api/v1/spaces/{spaceId}/conversations", List.of(ConversationList.class)),
            Map.entry("GET /api/v1/conversations/{convId}", List.of(ConversationView.class)),
            Map.entry("POST /api/v1/conversations/{convId}/participants", List.of(ParticipantAdd.class)),
            Map.entry("GET /api/v1/notifications", List.of(NotificationList.class)),
            Map.entry("POST /api/v1/messages/{messageId}/reports", List.of(ReportCreate.class, ReportView.class)),
            Map.entry("GET /api/v1/spaces/{spaceId}/reports", List.of(ReportList.class)),
            Map.entry("GET /api/v1/spaces/{spaceId}/sanctions", List.of(SanctionList.class)),
            Map.entry("PUT /api/v1/spaces/{spaceId}/bans/{userId}", List.of(SanctionRequest.class, SanctionView.class)),
            Map.entry("PUT /api/v1/spaces/{spaceId}/mutes/{userId}", List.of(SanctionRequest.class, SanctionView.class)),
            Map.entry("GET /api/v1/spaces/{spaceId}/chat-settings", List.of(ChatSettings.class)),
            Map.entry("PUT /api/v1/spaces/{spaceId}/chat-settings", List.of(ChatSettings.class)),
            Map.entry("POST /api/v1/spaces/{spaceId}/guest-links", List.of(GuestLinkCreate.class, GuestLinkView.class)),
            Map.entry("GET /api/v1/spaces/{spaceId}/guest-links", List.of(GuestLinkList.class)),
            Map.entry("POST /api/v1/guest-links/{code}/join", List.of(GuestJoin.class, GuestJoined.class)),
            Map.entry("GET /api/v1/me/guest-messages", List.of(GuestMessages.class)),
            Map.entry("PUT /api/v1/me/guest-messages", List.of(GuestMessages.class)),
            Map.entry("GET /api/v1/people", List.of(PeopleList.class)));

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    record Section(String heading, List<String> json, List<String> http) {
    }

    private static Map<String, Section> sections() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/protocol.md");
        List<String> lines = Files.readAllLines(doc);
        Map<String, Section> sections = new LinkedHashMap<>();
        Section current = null;
        StringBuilder block = null;
        String blockKind = null;
        for (String line : lines) {
            if (block != null) {
                if (line.startsWith("```")) {
                    (blockKind.equals("json") ? current.json() : current.http()).add(block.toString());
                    block = null;
                } else {
                    block.append(line).append('\n');
                }
            } else if (line.startsWith("### ")) {
                current = new Section(line.substring(4).strip(), new ArrayList<>(), new ArrayList<>());
                if (sections.put(current.heading(), current) != null) {
                    fail("docs/protocol.md has two sections headed " + current.heading());
                }
            } else if (line.startsWith("## ")) {
                current = null;
            } else if (line.startsWith("```json") || line.startsWith("```http")) {
                if (current == null) {
                    fail("an example outside any ### section: " + line);
                }
                block = new StringBuilder();
                blockKind = line.substring(3).strip();
            }
        }
        return sections;
    }

    /** The error table under "## Errors" lists exactly the codes of {@link ErrorCode}. */
    @Test
    void theErrorTableListsEveryErrorCodeAndNoOther() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/protocol.md");
        List<String> lines = Files.readAllLines(doc);
        int start = lines.indexOf("## Errors");
        assertThat(start).as("docs/protocol.md has an '## Errors' section").isNotNegative();
        Set<String> documented = new TreeSet<>();
        boolean inTable = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("| code | meaning |")) {
                inTable = true;
            } else if (inTable && !line.startsWith("|")) {
                break;
            } else if (inTable && !line.startsWith("|---")) {
                var codes = java.util.regex.Pattern.compile("`([a-z_]+)`").matcher(line.split("\\|")[1]);
                while (codes.find()) {
                    documented.add(codes.group(1));
                }
            }
        }
        Set<String> inCode = new TreeSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            inCode.add(code.wire());
        }
        assertThat(documented).isEqualTo(inCode);
    }

    @Test
    void everyClientMessageHasAnExampleTheCodecAccepts() throws Exception {
        var sections = sections();
        for (String type : ProtocolCodec.clientTypes()) {
            Section s = sections.get("`" + type + "` (client → server)");
            assertThat(s).as("a section '### `%s` (client → server)'", type).isNotNull();
            assertThat(s.json()).as("a json example for %s", type).isNotEmpty();
            for (String example : s.json()) {
                assertThat(ProtocolCodec.typeName(ProtocolCodec.decodeClient(example))).isEqualTo(type);
            }
        }
    }

    @Test
    void everyServerMessageHasAnExampleTheCodecAccepts() throws Exception {
        var sections = sections();
        for (String type : ProtocolCodec.serverTypes()) {
            Section s = sections.get("`" + type + "` (server → client)");
            assertThat(s).as("a section '### `%s` (server → client)'", type).isNotNull();
            assertThat(s.json()).as("a json example for %s", type).isNotEmpty();
            for (String example : s.json()) {
                assertThat(ProtocolCodec.typeName(ProtocolCodec.decodeServerStrictly(example))).isEqualTo(type);
            }
        }
    }

    @Test
    void everyMessageSectionNamesARealMessage() throws Exception {
        Set<String> known = new TreeSet<>();
        ProtocolCodec.clientTypes().forEach(t -> known.add("`" + t + "` (client → server)"));
        ProtocolCodec.serverTypes().forEach(t -> known.add("`" + t + "` (server → client)"));
        for (String heading : sections().keySet()) {
            if (heading.contains("→")) {
                assertThat(known).as("documented message %s exists", heading).contains(heading);
            }
        }
    }

    @Test
    void everyRestRouteHasAnExampleAndItsBodiesParse() throws Exception {
        var sections = sections();
        var routes = SERVER.server().javalin().unsafe.internalRouter.allHttpHandlers().stream()
                .filter(p -> VERBS.contains(p.endpoint.method))
                .map(p -> p.endpoint.method.name() + " " + p.endpoint.path)
                .toList();
        assertThat(routes).contains("POST /api/v1/auth/register", "GET /health");
        for (String route : routes) {
            Section s = sections.get("`" + route + "`");
            assertThat(s).as("a section '### `%s`'", route).isNotNull();
            assertThat(s.json().size() + s.http().size()).as("an example for %s", route).isPositive();
            for (String example : s.json()) {
                JsonNode node = Json.strict().readTree(example);
                List<Class<?>> bodies = REST_BODIES.get(route);
                if (bodies != null) {
                    assertThat(bodies.stream().anyMatch(type -> parses(node, type)))
                            .as("example of %s is one of %s: %s", route, bodies, example).isTrue();
                }
            }
        }
        for (String heading : sections.keySet()) {
            if (heading.matches("`(GET|POST|PUT|PATCH|DELETE) .*`")) {
                assertThat(routes).as("documented route %s exists", heading).contains(heading.replace("`", ""));
            }
        }
    }

    private static boolean parses(JsonNode node, Class<?> type) {
        try {
            Json.strict().treeToValue(node, type);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
