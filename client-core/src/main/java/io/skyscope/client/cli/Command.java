package io.skyscope.client.cli;

import io.skyscope.client.People;
import io.skyscope.client.video.VideoKind;
import io.skyscope.protocol.Status;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One line of a CLI script. {@link #parse} turns a line into a command or says, naming the line,
 * what is wrong with it.
 */
sealed interface Command {

    record Walk(double x, double y) implements Command {
    }

    record Say(String channel, String text) implements Command {
    }

    record SetStatus(Status status, String text) implements Command {
    }

    /** Plays a tone on the synthetic microphone; frequency 0 stops it. */
    record Tone(double frequency) implements Command {
    }

    record PlayWav(Path file) implements Command {
    }

    record Mute(boolean on) implements Command {
    }

    record Deafen(boolean on) implements Command {
    }

    record PushToTalk(boolean on) implements Command {
    }

    record TalkKey(boolean down) implements Command {
    }

    record Volume(String who, double volume) implements Command {
    }

    /** My camera on or off (the synthetic test pattern, marked as camera). */
    record Camera(boolean on) implements Command {
    }

    /** Sharing a screen on or off (the synthetic test pattern, marked as screen). */
    record Share(boolean on) implements Command {
    }

    /** Fresh frames of {@code who}'s test pattern of that kind arrive within the time. */
    record ExpectVideo(String who, VideoKind kind, long millis) implements Command {
    }

    /** No new picture of {@code who}'s (camera or screen) arrives for the whole time. */
    record ExpectNoVideo(String who, long millis) implements Command {
    }

    record Wait(long millis) implements Command {
    }

    record ExpectChat(String text, long millis) implements Command {
    }

    record ExpectVoice(String who, long millis) implements Command {
    }

    record ExpectNoVoice(String who, long millis) implements Command {
    }

    record ExpectTone(double frequency, long millis) implements Command {
    }

    record ExpectSilence(long millis) implements Command {
    }

    record Who() implements Command {
    }

    /** Speak to the whole space through the media server ({@code megaphone on}), or stop. */
    record Megaphone(boolean on) implements Command {
    }

    /** Locks ({@code lock}) or unlocks a meeting room by name. */
    record Lock(String room, boolean lock) implements Command {
    }

    /** Knocks at a person (in do-not-disturb) or, if nobody present has that name, on a room. */
    record Knock(String target) implements Command {
    }

    /** Lets in ({@code admit}) or declines the knock of a person. */
    record Answer(String who, boolean admit) implements Command {
    }

    record Wave(String who) implements Command {
    }

    record React(String emoji) implements Command {
    }

    /** Walks to a person around walls and the meeting rooms locked to me ("walk to them" after a wave). */
    record WalkTo(String who) implements Command {
    }

    /** Walks to where the last wave that {@code expect-wave} saw came from ("walk to them"). */
    record WalkToWave() implements Command {
    }

    /** Adds my reaction to the newest chat message I hold that contains {@code text}, or takes it back. */
    record ReactChat(String emoji, String text, boolean remove) implements Command {
    }

    record ExpectKnock(String who, long millis) implements Command {
    }

    record ExpectWave(String who, long millis) implements Command {
    }

    record ExpectLetIn(long millis) implements Command {
    }

    /** The named meeting room is locked ({@code locked}) or open within the time. */
    record ExpectLocked(String room, boolean locked, long millis) implements Command {
    }

    /** Follows ({@code follow}) or unfollows a person. */
    record Follow(String who, boolean follow) implements Command {
    }

    /** Prints the Following list: who is online, in which space and area, where. */
    record Following() implements Command {
    }

    /** Lets others follow me, or not (removing who follows me now). */
    record Followable(boolean on) implements Command {
    }

    /** A follow alert of {@code kind} (follow.online or follow.entered) about {@code who} arrives within the time. */
    record ExpectFollowed(String who, String kind, long millis) implements Command {
    }

    record Echo(String text) implements Command {
    }

    /** My hand up or down in a stage's audience. */
    record Hand(boolean raised) implements Command {
    }

    /** Owners and admins: the hands raised now, and each change from now on. */
    record Hands() implements Command {
    }

    /** {@code who} has a hand up within the time (as told since {@code hands}). */
    record ExpectHand(String who, long millis) implements Command {
    }

    /** The desk lines, run by {@link DeskLines}. */
    sealed interface DeskLine extends Command {
        /** Makes a free desk mine. */
        record Claim(String desk) implements DeskLine {
        }

        /** Frees a desk (mine, or anyone's as an owner or admin). */
        record Free(String desk) implements DeskLine {
        }

        /** Gives a desk to someone present (owners and admins). */
        record Assign(String who, String desk) implements DeskLine {
        }

        /** Leaves a note on a desk whose holder is away. */
        record Note(String desk, String text) implements DeskLine {
        }

        /** Turns "start at my desk" on or off. */
        record GoToDesk(boolean on) implements DeskLine {
        }

        /** Walks to the seat of a desk (null: mine). */
        record WalkTo(String desk) implements DeskLine {
        }

        /** Prints the notes on my desk and marks them read. */
        record ReadNotes() implements DeskLine {
        }

        /** The desk is held by {@code who} ({@code me}, {@code nobody}, or a name) within the time. */
        record Expect(String who, String desk, long millis) implements DeskLine {
        }

        /** A note containing {@code text} waits on my desk within the time. */
        record ExpectNote(String text, long millis) implements DeskLine {
        }

        static DeskLine parse(String verb, String[] words, String rest, String line) throws SyntaxError {
            return switch (verb) {
                case "claim-desk" -> new Claim(text(rest, "claim-desk DESK"));
                case "free-desk" -> new Free(text(rest, "free-desk DESK"));
                case "assign-desk" -> new Assign(word(words, 1, "assign-desk WHO DESK"),
                        text(rest.substring(words.length > 1 ? words[1].length() : 0).strip(), "assign-desk WHO DESK"));
                case "desk-note" -> {
                    int colon = rest.indexOf(':');
                    String usage = "desk-note DESK: TEXT";
                    if (colon < 0) {
                        throw new SyntaxError("missing ':' after the desk; usage: " + usage);
                    }
                    yield new Note(text(rest.substring(0, colon).strip(), usage), text(rest.substring(colon + 1).strip(), usage));
                }
                case "go-to-desk" -> new GoToDesk(onOff(words, "go-to-desk on|off"));
                case "walk-to-desk" -> new WalkTo(rest.isEmpty() ? null : rest);
                case "read-desk-notes" -> new ReadNotes();
                case "expect-desk" -> {
                    String usage = "expect-desk WHO DESK MS";
                    String who = word(words, 1, usage);
                    long ms = millis(words, words.length - 1, usage);
                    yield new Expect(who, nameBeforeMillis(line, verb + " " + who, usage), ms);
                }
                case "expect-desk-note" -> new ExpectNote(nameBeforeMillis(line, verb, "expect-desk-note TEXT MS"),
                        millis(words, words.length - 1, "expect-desk-note TEXT MS"));
                default -> throw new IllegalArgumentException("not a desk line: " + verb);
            };
        }
    }

    /** Prints the people whose name contains the text, among the spaces I share with them. */
    record Find(String query) implements Command {
    }

    /** Makes an invite to my space and prints its link. */
    record InviteLink() implements Command {
    }

    /** Makes a guest link to my space, good for that many seconds, and prints it. */
    record GuestLink(long seconds) implements Command {
    }

    record Quit() implements Command {
    }

    /** A script line that cannot be run. */
    final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message);
        }
    }

    /** Parses one line; blank lines and {@code #} comments give null. */
    static Command parse(String line) throws SyntaxError {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        String[] words = trimmed.split("\\s+");
        String rest = trimmed.substring(words[0].length()).strip();
        String verb = words[0].toLowerCase(Locale.ROOT);
        return switch (verb) {
            case "walk" -> new Walk(number(words, 1, "walk X Y"), number(words, 2, "walk X Y"));
            case "say" -> new Say("space", text(rest, "say TEXT"));
            case "say-nearby" -> new Say("nearby", text(rest, "say-nearby TEXT"));
            case "status" -> status(words, rest);
            case "tone" -> words.length == 2 && words[1].equalsIgnoreCase("off") ? new Tone(0)
                    : new Tone(number(words, 1, "tone HZ | tone off"));
            case "wav" -> new PlayWav(Path.of(text(rest, "wav FILE")));
            case "mute" -> new Mute(true);
            case "unmute" -> new Mute(false);
            case "deafen" -> new Deafen(true);
            case "undeafen" -> new Deafen(false);
            case "ptt" -> new PushToTalk(onOff(words, "ptt on|off"));
            case "talk" -> new TalkKey(word(words, 1, "talk down|up", "down", "up").equals("down"));
            case "volume" -> new Volume(word(words, 1, "volume USER FACTOR"), number(words, 2, "volume USER FACTOR"));
            case "camera" -> new Camera(onOff(words, "camera on|off"));
            case "share" -> new Share(onOff(words, "share on|off"));
            case "megaphone" -> new Megaphone(onOff(words, "megaphone on|off"));
            case "wait" -> new Wait(millis(words, 1, "wait MS"));
            case "expect-chat" -> {
                int cut = trimmed.lastIndexOf(' ');
                long ms = millis(words, words.length - 1, "expect-chat TEXT MS");
                yield new ExpectChat(text(trimmed.substring(verb.length(), cut).strip(), "expect-chat TEXT MS"), ms);
            }
            case "expect-voice" -> new ExpectVoice(word(words, 1, "expect-voice USER MS"),
                    millis(words, 2, "expect-voice USER MS"));
            case "expect-no-voice" -> new ExpectNoVoice(word(words, 1, "expect-no-voice USER MS"),
                    millis(words, 2, "expect-no-voice USER MS"));
            case "expect-video" -> new ExpectVideo(word(words, 1, "expect-video USER MS"), VideoKind.CAMERA,
                    millis(words, 2, "expect-video USER MS"));
            case "expect-screen" -> new ExpectVideo(word(words, 1, "expect-screen USER MS"), VideoKind.SCREEN,
                    millis(words, 2, "expect-screen USER MS"));
            case "expect-no-video" -> new ExpectNoVideo(word(words, 1, "expect-no-video USER MS"),
                    millis(words, 2, "expect-no-video USER MS"));
            case "expect-tone" -> new ExpectTone(number(words, 1, "expect-tone HZ MS"), millis(words, 2, "expect-tone HZ MS"));
            case "expect-silence" -> new ExpectSilence(millis(words, 1, "expect-silence MS"));
            case "who" -> new Who();
            case "lock" -> new Lock(text(rest, "lock ROOM"), true);
            case "unlock" -> new Lock(text(rest, "unlock ROOM"), false);
            case "knock" -> new Knock(text(rest, "knock NAME|ROOM"));
            case "let-in" -> new Answer(text(rest, "let-in NAME"), true);
            case "decline" -> new Answer(text(rest, "decline NAME"), false);
            case "wave" -> new Wave(text(rest, "wave NAME"));
            case "react" -> new React(emoji(words, "react EMOJI"));
            case "walk-to" -> new WalkTo(text(rest, "walk-to NAME"));
            case "walk-to-wave" -> new WalkToWave();
            case "react-chat", "unreact-chat" -> reactChat(words, rest, verb);
            case "expect-knock" -> new ExpectKnock(nameBeforeMillis(trimmed, verb, "expect-knock NAME MS"),
                    millis(words, words.length - 1, "expect-knock NAME MS"));
            case "expect-wave" -> new ExpectWave(nameBeforeMillis(trimmed, verb, "expect-wave NAME MS"),
                    millis(words, words.length - 1, "expect-wave NAME MS"));
            case "expect-let-in" -> new ExpectLetIn(millis(words, 1, "expect-let-in MS"));
            case "expect-locked" -> new ExpectLocked(nameBeforeMillis(trimmed, verb, "expect-locked ROOM MS"), true,
                    millis(words, words.length - 1, "expect-locked ROOM MS"));
            case "expect-unlocked" -> new ExpectLocked(nameBeforeMillis(trimmed, verb, "expect-unlocked ROOM MS"),
                    false, millis(words, words.length - 1, "expect-unlocked ROOM MS"));
            case "follow" -> new Follow(text(rest, "follow NAME"), true);
            case "unfollow" -> new Follow(text(rest, "unfollow NAME"), false);
            case "following" -> new Following();
            case "followable" -> new Followable(onOff(words, "followable on|off"));
            case "expect-followed-online" -> new ExpectFollowed(nameBeforeMillis(trimmed, verb,
                    "expect-followed-online NAME MS"), People.ONLINE, millis(words, words.length - 1,
                    "expect-followed-online NAME MS"));
            case "expect-followed-entered" -> new ExpectFollowed(nameBeforeMillis(trimmed, verb,
                    "expect-followed-entered NAME MS"), People.ENTERED, millis(words, words.length - 1,
                    "expect-followed-entered NAME MS"));
            case "claim-desk", "free-desk", "assign-desk", "desk-note", "go-to-desk", "walk-to-desk", "read-desk-notes",
                 "expect-desk", "expect-desk-note" -> DeskLine.parse(verb, words, rest, trimmed);
            case "echo" -> new Echo(rest);
            case "raise-hand" -> new Hand(true);
            case "lower-hand" -> new Hand(false);
            case "hands" -> new Hands();
            case "expect-hand" -> new ExpectHand(nameBeforeMillis(trimmed, verb, "expect-hand NAME MS"),
                    millis(words, words.length - 1, "expect-hand NAME MS"));
            case "find" -> new Find(text(rest, "find TEXT"));
            case "invite-link" -> new InviteLink();
            case "guest-link" -> new GuestLink(words.length > 1 ? millis(words, 1, "guest-link [SECONDS]") : 86_400);
            case "quit", "exit" -> new Quit();
            default -> throw new SyntaxError("unknown command '" + words[0] + "'; commands: walk, say, say-nearby, "
                    + "status, tone, wav, mute, unmute, deafen, undeafen, ptt, talk, volume, camera, share, wait, "
                    + "expect-chat, expect-voice, expect-no-voice, expect-tone, expect-silence, expect-video, "
                    + "expect-screen, expect-no-video, who, lock, unlock, knock, let-in, decline, wave, react, "
                    + "walk-to, walk-to-wave, react-chat, unreact-chat, expect-knock, expect-wave, expect-let-in, "
                    + "expect-locked, expect-unlocked, follow, unfollow, following, followable, "
                    + "expect-followed-online, expect-followed-entered, claim-desk, free-desk, assign-desk, desk-note, "
                    + "go-to-desk, walk-to-desk, read-desk-notes, expect-desk, expect-desk-note, find, invite-link, "
                    + "guest-link, raise-hand, lower-hand, hands, expect-hand, echo, quit");
        };
    }

    private static Command status(String[] words, String rest) throws SyntaxError {
        String name = word(words, 1, "status available|busy|away|dnd [TEXT]");
        Status status;
        try {
            status = Status.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SyntaxError("status must be available, busy, away or dnd, not '" + name + "'");
        }
        String text = rest.substring(name.length()).strip();
        return new SetStatus(status, text.isEmpty() ? null : text);
    }

    private static Command reactChat(String[] words, String rest, String verb) throws SyntaxError {
        String usage = verb + " EMOJI TEXT";
        String emoji = emoji(words, usage);
        return new ReactChat(emoji, text(rest.substring(emoji.length()).strip(), usage), verb.equals("unreact-chat"));
    }

    private static String emoji(String[] words, String usage) throws SyntaxError {
        return word(words, 1, usage, io.skyscope.protocol.Reactions.EMOJI.keySet().toArray(String[]::new))
                .toLowerCase(Locale.ROOT);
    }

    private static String word(String[] words, int index, String usage, String... allowed) throws SyntaxError {
        if (index >= words.length) {
            throw new SyntaxError("missing argument; usage: " + usage);
        }
        if (allowed.length > 0 && !java.util.Arrays.asList(allowed).contains(words[index].toLowerCase(Locale.ROOT))) {
            throw new SyntaxError("'" + words[index] + "' is not one of " + String.join(", ", allowed) + "; usage: " + usage);
        }
        return words[index];
    }

    private static boolean onOff(String[] words, String usage) throws SyntaxError {
        return word(words, 1, usage, "on", "off").equalsIgnoreCase("on");
    }

    private static double number(String[] words, int index, String usage) throws SyntaxError {
        String w = word(words, index, usage);
        try {
            double v = Double.parseDouble(w);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new SyntaxError("'" + w + "' is not a number; usage: " + usage);
        }
    }

    private static long millis(String[] words, int index, String usage) throws SyntaxError {
        double v = number(words, index, usage);
        if (v < 0 || v != Math.rint(v)) {
            throw new SyntaxError("'" + words[index] + "' must be a whole number of milliseconds; usage: " + usage);
        }
        return (long) v;
    }

    /** The words between the verb and the last word (a time in ms): a name that may hold spaces. */
    private static String nameBeforeMillis(String line, String verb, String usage) throws SyntaxError {
        int cut = line.lastIndexOf(' ');
        return text(cut <= verb.length() ? "" : line.substring(verb.length(), cut).strip(), usage);
    }

    private static String text(String text, String usage) throws SyntaxError {
        if (text.isEmpty()) {
            throw new SyntaxError("missing text; usage: " + usage);
        }
        return text;
    }
}
