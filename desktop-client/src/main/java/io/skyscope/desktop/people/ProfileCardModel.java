package io.skyscope.desktop.people;

import io.skyscope.client.Session;
import io.skyscope.desktop.ui.Problems;
import io.skyscope.protocol.rest.ProfileCard;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The profile card of one person, shown when they are clicked on the map, in the people list or
 * in chat: their card from the server ({@code GET /api/v1/users/{id}}), their local time, their
 * followers and following, and the Message, Locate and Follow actions. Reloaded when their profile
 * changes while it is open.
 *
 * <p>Threads: FX thread; the card is read on {@code background} and handed back through {@code fx}.
 */
public final class ProfileCardModel {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final Session link;
    private final Photos photos;
    private final Executor background;
    private final Executor fx;
    private final Consumer<String> message;
    private final Consumer<String> locate;
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper userId = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<ProfileCard> card = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper localTime = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    ProfileCardModel(Session link, Photos photos, Executor background, Executor fx, Consumer<String> message,
                     Consumer<String> locate) {
        this.link = link;
        this.photos = photos;
        this.background = background;
        this.fx = fx;
        this.message = message;
        this.locate = locate;
    }

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    /** Whose card is shown (or being loaded); null when none. */
    public ReadOnlyStringProperty userIdProperty() {
        return userId.getReadOnlyProperty();
    }

    /** The card as the server gave it; null while loading. */
    public ReadOnlyObjectProperty<ProfileCard> cardProperty() {
        return card.getReadOnlyProperty();
    }

    /** "14:05 local time · 1 h behind you", or empty when they set no time zone. */
    public ReadOnlyStringProperty localTimeProperty() {
        return localTime.getReadOnlyProperty();
    }

    /** Why the card could not be loaded; empty when it was. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public boolean isMe() {
        return link.userId() != null && link.userId().equals(userId.get());
    }

    /** Shows someone's card, loading it from the server. */
    public void show(String who) {
        userId.set(who);
        card.set(null);
        localTime.set("");
        error.set("");
        visible.set(true);
        load(who);
    }

    public void close() {
        visible.set(false);
        userId.set(null);
        card.set(null);
    }

    /** Opens a direct conversation with the person shown. */
    public void message() {
        if (userId.get() != null && !isMe()) {
            message.accept(userId.get());
        }
    }

    /** Shows the person on the map. */
    public void locate() {
        if (userId.get() != null) {
            locate.accept(userId.get());
        }
    }

    /** Follows the person shown (or stops following them), then reads their card again. */
    public void toggleFollow() {
        ProfileCard c = card.get();
        if (c == null || isMe()) {
            return;
        }
        String who = c.userId();
        boolean follow = !c.followedByYou();
        background.execute(() -> {
            try {
                if (follow) {
                    link.people().follow(who);
                } else {
                    link.people().unfollow(who);
                }
                fx.execute(() -> changed(who));
            } catch (RuntimeException e) {
                String why = Problems.describe(e, link.api().base().toString());
                fx.execute(() -> error.set(why));
            }
        });
    }

    /** "12 followers · 3 following". */
    public static String follows(ProfileCard c) {
        return c.followers() + (c.followers() == 1 ? " follower" : " followers") + " · " + c.following()
                + " following";
    }

    /** Works the local time out again (the view calls it while the card is open). */
    public void tick() {
        ProfileCard c = card.get();
        localTime.set(c == null ? "" : localTime(c.timeZone(), Instant.now(), ZoneId.systemDefault()));
    }

    void changed(String who) {
        if (visible.get() && who.equals(userId.get())) {
            load(who);
        }
    }

    private void load(String who) {
        background.execute(() -> {
            try {
                ProfileCard loaded = link.api().profileCard(link.tokens().accessToken(), who);
                fx.execute(() -> {
                    photos.version(who, loaded.photo());
                    if (who.equals(userId.get())) {
                        card.set(loaded);
                        tick();
                    }
                });
            } catch (RuntimeException e) {
                String why = Problems.describe(e, link.api().base().toString());
                fx.execute(() -> {
                    if (who.equals(userId.get())) {
                        error.set("Could not load this profile: " + why);
                    }
                });
            }
        });
    }

    /**
     * The time now in {@code zone} and how far it is from {@code mine}: "14:05 local time · 2 h
     * ahead of you". Empty when {@code zone} is unset or not a time zone.
     */
    public static String localTime(String zone, Instant now, ZoneId mine) {
        if (zone == null || zone.isBlank()) {
            return "";
        }
        ZoneId theirs;
        try {
            theirs = ZoneId.of(zone);
        } catch (DateTimeException e) {
            return "";
        }
        String clock = CLOCK.format(now.atZone(theirs)) + " local time";
        long minutes = Duration.ofSeconds(theirs.getRules().getOffset(now).getTotalSeconds()
                - mine.getRules().getOffset(now).getTotalSeconds()).toMinutes();
        if (minutes == 0) {
            return clock + " · same time as you";
        }
        long abs = Math.abs(minutes);
        String gap = abs % 60 == 0 ? abs / 60 + " h" : abs / 60 + " h " + abs % 60 + " min";
        return clock + " · " + gap + (minutes > 0 ? " ahead of you" : " behind you");
    }
}
