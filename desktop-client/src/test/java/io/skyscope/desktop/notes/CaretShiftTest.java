package io.skyscope.desktop.notes;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.notes.RoomNotes.TextEdit;
import org.junit.jupiter.api.Test;

/** Where my caret goes when someone else edits the notes: a table of positions and edits. */
class CaretShiftTest {

    @Test
    void aPositionBeforeTheEditStaysAfterItMovesAndInsideADeletionGoesToItsStart() {
        TextEdit insert = new TextEdit(5, 0, "abc");
        assertThat(NotesPanel.shifted(3, insert)).isEqualTo(3);
        assertThat(NotesPanel.shifted(5, insert)).as("typing at my caret goes after it").isEqualTo(5);
        assertThat(NotesPanel.shifted(6, insert)).isEqualTo(9);

        TextEdit delete = new TextEdit(4, 4, "");
        assertThat(NotesPanel.shifted(2, delete)).isEqualTo(2);
        assertThat(NotesPanel.shifted(6, delete)).isEqualTo(4);
        assertThat(NotesPanel.shifted(8, delete)).isEqualTo(4);
        assertThat(NotesPanel.shifted(10, delete)).isEqualTo(6);

        TextEdit replace = new TextEdit(0, 2, "xyz");
        assertThat(NotesPanel.shifted(2, replace)).isEqualTo(3);
        assertThat(NotesPanel.shifted(1, replace)).isEqualTo(0);
    }
}
