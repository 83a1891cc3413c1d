package io.skyscope.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.protocol.Status;
import org.junit.jupiter.api.Test;

class CommandTest {
    @Test
    void parsesEveryCommand() throws Exception {
        assertThat(Command.parse("walk 100 200.5")).isEqualTo(new Command.Walk(100, 200.5));
        assertThat(Command.parse("say  hello there ")).isEqualTo(new Command.Say("space", "hello there"));
        assertThat(Command.parse("say-nearby psst")).isEqualTo(new Command.Say("nearby", "psst"));
        assertThat(Command.parse("status busy in a call")).isEqualTo(new Command.SetStatus(Status.BUSY, "in a call"));
        assertThat(Command.parse("status away")).isEqualTo(new Command.SetStatus(Status.AWAY, null));
        assertThat(Command.parse("tone 440")).isEqualTo(new Command.Tone(440));
        assertThat(Command.parse("tone off")).isEqualTo(new Command.Tone(0));
        assertThat(Command.parse("MUTE")).isEqualTo(new Command.Mute(true));
        assertThat(Command.parse("unmute")).isEqualTo(new Command.Mute(false));
        assertThat(Command.parse("deafen")).isEqualTo(new Command.Deafen(true));
        assertThat(Command.parse("ptt on")).isEqualTo(new Command.PushToTalk(true));
        assertThat(Command.parse("megaphone on")).isEqualTo(new Command.Megaphone(true));
        assertThat(Command.parse("megaphone off")).isEqualTo(new Command.Megaphone(false));
        assertThat(Command.parse("talk up")).isEqualTo(new Command.TalkKey(false));
        assertThat(Command.parse("volume ann 0.5")).isEqualTo(new Command.Volume("ann", 0.5));
        assertThat(Command.parse("wait 500")).isEqualTo(new Command.Wait(500));
        assertThat(Command.parse("expect-chat see you at 3 3000")).isEqualTo(new Command.ExpectChat("see you at 3", 3000));
        assertThat(Command.parse("expect-voice Ann 3000")).isEqualTo(new Command.ExpectVoice("Ann", 3000));
        assertThat(Command.parse("expect-no-voice Ann 1000")).isEqualTo(new Command.ExpectNoVoice("Ann", 1000));
        assertThat(Command.parse("expect-tone 440 3000")).isEqualTo(new Command.ExpectTone(440, 3000));
        assertThat(Command.parse("expect-silence 2000")).isEqualTo(new Command.ExpectSilence(2000));
        assertThat(Command.parse("who")).isEqualTo(new Command.Who());
        assertThat(Command.parse("quit")).isEqualTo(new Command.Quit());
        assertThat(Command.parse("   # a comment")).isNull();
        assertThat(Command.parse("")).isNull();
    }

    @Test
    void parsesTheEtiquetteLines() throws Exception {
        assertThat(Command.parse("lock Board Room")).isEqualTo(new Command.Lock("Board Room", true));
        assertThat(Command.parse("let-in Ben")).isEqualTo(new Command.Answer("Ben", true));
        assertThat(Command.parse("react Thumbs_Up")).isEqualTo(new Command.React("thumbs_up"));
        assertThat(Command.parse("walk-to Ben Smith")).isEqualTo(new Command.WalkTo("Ben Smith"));
        assertThat(Command.parse("walk-to-wave")).isEqualTo(new Command.WalkToWave());
        assertThat(Command.parse("raise-hand")).isEqualTo(new Command.Hand(true));
        assertThat(Command.parse("lower-hand")).isEqualTo(new Command.Hand(false));
        assertThat(Command.parse("hands")).isEqualTo(new Command.Hands());
        assertThat(Command.parse("expect-hand Ann Lee 5000")).isEqualTo(new Command.ExpectHand("Ann Lee", 5000));
        assertThat(Command.parse("react-chat heart lunch at noon"))
                .isEqualTo(new Command.ReactChat("heart", "lunch at noon", false));
        assertThat(Command.parse("unreact-chat heart lunch")).isEqualTo(new Command.ReactChat("heart", "lunch", true));
        assertThat(Command.parse("expect-locked Board Room 500")).isEqualTo(new Command.ExpectLocked("Board Room", true, 500));
        assertThatThrownBy(() -> Command.parse("react-chat banana hi")).hasMessageContaining("'banana' is not one of");
        assertThatThrownBy(() -> Command.parse("react-chat heart")).hasMessage("missing text; usage: react-chat EMOJI TEXT");
        assertThatThrownBy(() -> Command.parse("walk-to")).hasMessage("missing text; usage: walk-to NAME");
    }

    @Test
    void parsesThePeopleLines() throws Exception {
        assertThat(Command.parse("follow Ben Smith")).isEqualTo(new Command.Follow("Ben Smith", true));
        assertThat(Command.parse("unfollow Ben")).isEqualTo(new Command.Follow("Ben", false));
        assertThat(Command.parse("following")).isEqualTo(new Command.Following());
        assertThat(Command.parse("followable off")).isEqualTo(new Command.Followable(false));
        assertThat(Command.parse("expect-followed-online Ben Smith 5000"))
                .isEqualTo(new Command.ExpectFollowed("Ben Smith", "follow.online", 5000));
        assertThat(Command.parse("expect-followed-entered Ben 5000"))
                .isEqualTo(new Command.ExpectFollowed("Ben", "follow.entered", 5000));
        assertThatThrownBy(() -> Command.parse("follow")).hasMessage("missing text; usage: follow NAME");
        assertThatThrownBy(() -> Command.parse("followable maybe")).hasMessageContaining("'maybe' is not one of on, off");
    }

    @Test
    void parsesTheDeskLines() throws Exception {
        assertThat(Command.parse("claim-desk Desk A1")).isEqualTo(new Command.DeskLine.Claim("Desk A1"));
        assertThat(Command.parse("free-desk Desk A1")).isEqualTo(new Command.DeskLine.Free("Desk A1"));
        assertThat(Command.parse("assign-desk Ben Desk B 2")).isEqualTo(new Command.DeskLine.Assign("Ben", "Desk B 2"));
        assertThat(Command.parse("desk-note Desk A1: back at 3: really"))
                .isEqualTo(new Command.DeskLine.Note("Desk A1", "back at 3: really"));
        assertThat(Command.parse("go-to-desk on")).isEqualTo(new Command.DeskLine.GoToDesk(true));
        assertThat(Command.parse("walk-to-desk")).isEqualTo(new Command.DeskLine.WalkTo(null));
        assertThat(Command.parse("walk-to-desk Desk A2")).isEqualTo(new Command.DeskLine.WalkTo("Desk A2"));
        assertThat(Command.parse("read-desk-notes")).isEqualTo(new Command.DeskLine.ReadNotes());
        assertThat(Command.parse("expect-desk nobody Desk A1 500")).isEqualTo(new Command.DeskLine.Expect("nobody", "Desk A1", 500));
        assertThat(Command.parse("expect-desk-note see you 500")).isEqualTo(new Command.DeskLine.ExpectNote("see you", 500));
        assertThatThrownBy(() -> Command.parse("desk-note Desk A1 hello")).hasMessage("missing ':' after the desk; usage: desk-note DESK: TEXT");
        assertThatThrownBy(() -> Command.parse("desk-note Desk A1:")).hasMessage("missing text; usage: desk-note DESK: TEXT");
        assertThatThrownBy(() -> Command.parse("expect-desk me 500")).hasMessage("missing text; usage: expect-desk WHO DESK MS");
        assertThatThrownBy(() -> Command.parse("go-to-desk maybe")).hasMessageContaining("'maybe' is not one of on, off");
    }

    @Test
    void saysWhatIsWrongWithALine() {
        assertThatThrownBy(() -> Command.parse("walk 1")).hasMessage("missing argument; usage: walk X Y");
        assertThatThrownBy(() -> Command.parse("walk one 2")).hasMessage("'one' is not a number; usage: walk X Y");
        assertThatThrownBy(() -> Command.parse("wait 1.5")).hasMessageContaining("whole number of milliseconds");
        assertThatThrownBy(() -> Command.parse("wait -3")).hasMessageContaining("whole number of milliseconds");
        assertThatThrownBy(() -> Command.parse("status sleepy")).hasMessageContaining("available, busy, away or dnd");
        assertThatThrownBy(() -> Command.parse("ptt maybe")).hasMessageContaining("'maybe' is not one of on, off");
        assertThatThrownBy(() -> Command.parse("expect-chat 3000")).hasMessageContaining("missing text");
        assertThatThrownBy(() -> Command.parse("dance")).hasMessageStartingWith("unknown command 'dance'");
    }

    @Test
    void optionsAreCheckedByName() {
        assertThat(Main.options(new String[] {"--server", "http://x", "--no-voice"}))
                .containsEntry("server", "http://x").containsKey("no-voice");
        assertThatThrownBy(() -> Main.options(new String[] {"--colour", "red"})).hasMessage("unknown option --colour");
        assertThatThrownBy(() -> Main.options(new String[] {"--user"})).hasMessage("--user needs a value");
    }
}
