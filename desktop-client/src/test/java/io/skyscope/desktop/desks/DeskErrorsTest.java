package io.skyscope.desktop.desks;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.desktop.desks.DeskErrors.Kind;
import io.skyscope.protocol.ServerMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server's refusals of desk commands, as the desktop words them. */
class DeskErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            CLAIM    | desk_taken     |          | Someone else took that desk just before you; pick another one.
            ASSIGN   | desk_taken     |          | Someone else holds that desk now; free it first, then assign it.
            CLAIM    | has_desk       |          | You already have a desk here; free it before taking another.
            ASSIGN   | has_desk       |          | They already hold another desk here; free that one first.
            CLAIM    | rate_limited   | 2500     | Too many desk changes in a short time; try again in 3 s.
            FREE     | rate_limited   | 600000   | Too many desk changes in a short time; try again in 10 min.
            SETTINGS | rate_limited   |          | Too many desk changes in a short time; try again in a moment.
            FREE     | forbidden      |          | Only the space's owner and admins can do that with someone else's desk.
            CLAIM    | forbidden      |          | Only members of this space have desks.
            NOTE     | desk_free      |          | Nobody holds that desk any more, so nobody would read the note.
            ASSIGN   | not_found      |          | That person is not a member of this space.
            CLAIM    | internal_error |          | the server's own words
            """)
    void refusalsReadInPlainWords(Kind kind, String code, Long retryAfterMs, String expected) {
        var error = new ServerMessage.Error(code, "the server's own words", "ref-1", null, retryAfterMs);
        assertThat(DeskErrors.plain(kind, error)).isEqualTo(expected);
    }
}
