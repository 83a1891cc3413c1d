package io.skyscope.client.cli;

import io.skyscope.client.ApiError;
import io.skyscope.client.People;
import io.skyscope.client.Session;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.rest.FollowingList;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The colleague lines of a CLI script: {@code follow}, {@code unfollow}, {@code following},
 * {@code followable on|off}, {@code expect-followed-online} and {@code expect-followed-entered}.
 * A person is named by their display name if they are in the space or in my Following list, else
 * by their user id. Runs on the script's thread.
 */
final class PeopleLines {
    private final Session session;
    private final People people;
    private final Consumer<String> log;

    PeopleLines(Session session, Consumer<String> log) {
        this.session = session;
        this.people = session.people();
        this.log = log;
    }

    void follow(Command.Follow f) throws ScriptRunner.Failure {
        String userId = userId(f.who());
        try {
            if (f.follow()) {
                people.follow(userId);
            } else {
                people.unfollow(userId);
            }
        } catch (ApiError e) {
            throw new ScriptRunner.Failure(e.getMessage());
        }
        log.accept("  " + (f.follow() ? "following " : "no longer following ") + f.who());
    }

    void following() throws ScriptRunner.Failure {
        FollowingList list = list();
        if (list.people().isEmpty()) {
            log.accept("  following nobody");
        }
        for (var p : list.people()) {
            log.accept("  " + describe(p));
        }
    }

    void followable(Command.Followable f) throws ScriptRunner.Failure {
        try {
            log.accept("  others " + (people.setFollowable(f.on()) ? "may" : "may not") + " follow me");
        } catch (ApiError e) {
            throw new ScriptRunner.Failure(e.getMessage());
        }
    }

    void expectAlert(Command.ExpectFollowed e) throws ScriptRunner.Failure {
        ChatEvent.Notification alert;
        try {
            alert = session.await(ChatEvent.Notification.class, n -> n.kind().equals(e.kind())
                    && (e.who().equals(n.fromUserId()) || e.who().equalsIgnoreCase(n.fromName())),
                    Duration.ofMillis(e.millis()));
        } catch (AssertionError x) {
            throw new ScriptRunner.Failure("no " + e.kind() + " alert about " + e.who() + " within " + e.millis()
                    + " ms");
        }
        log.accept("  " + alert.fromName() + " " + alert.preview());
    }

    static String describe(FollowingList.Followed p) {
        if (!p.online()) {
            return p.displayName() + ": offline";
        }
        if (p.spaceId() == null) {
            return p.displayName() + ": online";
        }
        return p.displayName() + ": in " + p.spaceName() + (p.area() == null ? "" : " (" + p.area() + ")")
                + (p.x() == null ? "" : String.format(Locale.ROOT, " at %.0f,%.0f", p.x(), p.y()))
                + " [space " + p.spaceId() + "]";
    }

    private FollowingList list() throws ScriptRunner.Failure {
        try {
            return people.following();
        } catch (ApiError e) {
            throw new ScriptRunner.Failure(e.getMessage());
        }
    }

    private String userId(String who) throws ScriptRunner.Failure {
        Person present = session.snapshot().find(who);
        if (present != null) {
            return present.userId();
        }
        return list().people().stream().filter(p -> p.displayName().equalsIgnoreCase(who)).map(
                FollowingList.Followed::userId).findFirst().orElse(who);
    }
}
