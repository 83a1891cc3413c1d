package io.skyscope.desktop.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ProfileCardLocalTimeTest {
    private static final Instant NOON_UTC = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void saysTheirTimeAndHowFarItIsFromMine() {
        assertThat(ProfileCardModel.localTime("Asia/Tokyo", NOON_UTC, ZoneId.of("Europe/Paris")))
                .isEqualTo("21:00 local time · 8 h ahead of you");
        assertThat(ProfileCardModel.localTime("America/New_York", NOON_UTC, ZoneId.of("UTC")))
                .isEqualTo("07:00 local time · 5 h behind you");
        assertThat(ProfileCardModel.localTime("Asia/Kolkata", NOON_UTC, ZoneId.of("UTC")))
                .isEqualTo("17:30 local time · 5 h 30 min ahead of you");
        assertThat(ProfileCardModel.localTime("Europe/Paris", NOON_UTC, ZoneId.of("Europe/Paris")))
                .isEqualTo("13:00 local time · same time as you");
    }

    @Test
    void nothingWithoutATimeZone() {
        assertThat(ProfileCardModel.localTime(null, NOON_UTC, ZoneId.of("UTC"))).isEmpty();
        assertThat(ProfileCardModel.localTime("", NOON_UTC, ZoneId.of("UTC"))).isEmpty();
        assertThat(ProfileCardModel.localTime("Mars/Olympus", NOON_UTC, ZoneId.of("UTC"))).isEmpty();
    }

    @Test
    void photosAreTakenOnlyAsPngOrJpegByTheirFirstBytes() {
        assertThat(ProfileEditorModel.contentType(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0}))
                .isEqualTo("image/png");
        assertThat(ProfileEditorModel.contentType(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}))
                .isEqualTo("image/jpeg");
        assertThat(ProfileEditorModel.contentType("GIF89a....".getBytes())).isNull();
    }
}
