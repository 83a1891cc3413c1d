package io.skyscope.desktop.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Tileset images are checked from their header before the app decodes them. */
class OfficeAssetsTest {
    @Test
    void aPngDeclaringAGiganticPictureIsRefusedBeforeDecoding() {
        // 33 bytes: signature and IHDR only. Decoding what it declares would need about 7 GB.
        byte[] header = ByteBuffer.allocate(33)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(42_000).putInt(42_000)
                .put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0).putInt(0)
                .array();
        assertThatThrownBy(() -> OfficeAssets.requireSanePng("huge.png", header))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("huge.png").hasMessageContaining("42000 × 42000 pixels");
    }

    @Test
    void somethingElseThanAPngIsRefused() {
        assertThatThrownBy(() -> OfficeAssets.requireSanePng("x.png", "GIF89a".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a PNG");
    }

    @Test
    void aDownloadIsReadNoFurtherThanTheLimit() throws IOException {
        var endless = new InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                return 0;
            }
        };
        assertThatThrownBy(() -> OfficeAssets.readAtMost("big.png", endless, 1000))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("larger than 1000 bytes");
        assertThat(endless.served).isEqualTo(1001);
    }

    @Test
    void anOrdinaryTilesetPasses() throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(256, 128, BufferedImage.TYPE_INT_ARGB), "png", out);
        assertThatCode(() -> OfficeAssets.requireSanePng("tiles.png", out.toByteArray())).doesNotThrowAnyException();
    }
}
