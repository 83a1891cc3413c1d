package io.skyscope.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void mentionsAreNamesAfterAnAtSign() {
        assertThat(Mentions.names("hi @Ana and @ben.smith, mail ana@example.com; thanks @cat. @al"))
                .containsExactly("ana", "ben.smith", "cat");
    }
}
