package io.skyscope.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorldStateTest {
    private static final ServerMessage.SpaceInfo OFFICE = new ServerMessage.SpaceInfo("office", "Office", "map", 1);
    private static final ServerMessage.WorldRules RULES = new ServerMessage.WorldRules(100, 1200, 320, 300);

    @Test
    void myJoinAnnouncedAfterIWalkedOnDoesNotPutMeBack() {
        var state = new WorldState();
        state.apply(welcome(person("me", 10, 10), person("ann", 50, 50)));
        state.movedSelf(40, 10);
        state.apply(new ServerMessage.PresenceUpdate(List.of(person("me", 10, 10), person("bob", 5, 5)), List.of(),
                List.of(new ServerMessage.Moved("ann", 60, 50)), List.of()));
        World w = state.snapshot();
        assertThat(w.self().x()).isEqualTo(40);
        assertThat(w.person("bob")).isNotNull();
        assertThat(w.person("ann").x()).isEqualTo(60);
        state.apply(new ServerMessage.Correction(3, 12, 10, "blocked", "a wall"));
        assertThat(state.snapshot().self().x()).isEqualTo(12);
    }

    @Test
    void mapAndChatStayAcrossAWelcomeToTheSameSpaceAndMap() {
        var state = new WorldState();
        state.apply(welcome(person("me", 10, 10)));
        state.mapLoaded("map", 1, JsonNodeFactory.instance.objectNode().put("width", 60));
        state.apply(new ChatEvent.Message(message("m1", "hello")));
        state.apply(new ChatEvent.Updated(new ChatMessage("m1", "office", "space", "ann", "Ann", "hello!", Instant.EPOCH,
                null, List.of(), Instant.EPOCH, false)));
        state.apply(welcome(person("me", 10, 10)));
        World w = state.snapshot();
        assertThat(w.map().path("width").asInt()).isEqualTo(60);
        assertThat(w.chat()).extracting(ChatMessage::text).containsExactly("hello!");

        state.apply(new ServerMessage.MapChanged("office", "map", 2));
        assertThat(state.snapshot().map()).isNull();
        assertThat(state.snapshot().space().mapVersion()).isEqualTo(2);
        state.mapLoaded("map", 1, JsonNodeFactory.instance.objectNode());
        assertThat(state.snapshot().map()).as("a stale map version is ignored").isNull();
    }

    @Test
    void chatKeepsTheNewestMessages() {
        var state = new WorldState();
        state.apply(welcome(person("me", 0, 0)));
        for (int i = 0; i < World.CHAT_KEPT + 5; i++) {
            state.apply(new ChatEvent.Message(message("m" + i, "text " + i)));
        }
        List<ChatMessage> chat = state.snapshot().chat();
        assertThat(chat).hasSize(World.CHAT_KEPT);
        assertThat(chat.get(0).text()).isEqualTo("text 5");
    }

    @Test
    void aProfileChangeBringsTheNewNameAndPhotoVersionAndKeepsThePosition() {
        var state = new WorldState();
        state.apply(welcome(person("me", 0, 0), person("ann", 50, 60)));
        state.apply(new ServerMessage.PresenceUpdate(List.of(), List.of(), List.of(), List.of(
                new ServerMessage.Changed("ann", "Ann B.", "a2", Status.BUSY, "call", "v2"))));
        Person ann = state.snapshot().person("ann");
        assertThat(ann.photo()).isEqualTo("v2");
        assertThat(ann.displayName()).isEqualTo("Ann B.");
        assertThat(ann.x()).isEqualTo(50);
        assertThat(ann.at(70, 60).photo()).as("a move keeps the photo").isEqualTo("v2");
        state.apply(new ServerMessage.PresenceUpdate(List.of(), List.of(), List.of(), List.of(
                new ServerMessage.Changed("ann", "Ann B.", "a2", Status.BUSY, "call", null))));
        assertThat(state.snapshot().person("ann").photo()).as("photo removed").isNull();
    }

    @Test
    void numbersFollowWelcomesJoinsAndLeaves() {
        var state = new WorldState();
        state.apply(welcome(numbered("me", 0), numbered("ann", 1)));
        assertThat(state.userIdOf(1)).isEqualTo("ann");
        state.apply(new ServerMessage.PresenceUpdate(List.of(numbered("bob", 2)), List.of("ann"), List.of(), List.of()));
        assertThat(state.userIdOf(1)).isNull();
        assertThat(state.userIdOf(2)).isEqualTo("bob");
        state.apply(new ServerMessage.PresenceUpdate(List.of(numbered("cat", 1)), List.of(), List.of(), List.of()));
        assertThat(state.userIdOf(1)).isEqualTo("cat");
        state.apply(welcome(numbered("me", 3)));
        assertThat(state.userIdOf(1)).as("a welcome replaces every number").isNull();
    }

    private static Person numbered(String id, int number) {
        return new Person(id, id, "a1", 0, 0, Status.AVAILABLE, null, number);
    }

    private static ServerMessage.Welcome welcome(Person me, Person... others) {
        return new ServerMessage.Welcome("j", 1, me, OFFICE, RULES, List.of(others), 0, List.of(), null);
    }

    private static Person person(String id, double x, double y) {
        return new Person(id, id, "a1", x, y, Status.AVAILABLE, null, 0);
    }

    private static ChatMessage message(String id, String text) {
        return new ChatMessage(id, "office", "space", "ann", "Ann", text, Instant.EPOCH, null, List.of(), null, false);
    }
}
