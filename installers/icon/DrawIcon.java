import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws SkyScope's application icon (two avatars on an office floor, talking) and writes it as
 * skyscope.png (512 px, Linux), skyscope.ico (Windows: 16–256 px, PNG-compressed entries) and
 * skyscope.icns (macOS: 16–1024 px PNG entries). The drawing is the project's own; no third-party
 * artwork is used. Run from the repository root with a JDK 25:
 * {@code java installers/icon/DrawIcon.java installers/icon}
 */
public final class DrawIcon {

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(out);
        Files.write(out.resolve("skyscope.png"), png(draw(512)));
        Files.write(out.resolve("skyscope.ico"), ico(16, 24, 32, 48, 64, 128, 256));
        Files.write(out.resolve("skyscope.icns"), icns());
        System.out.println("wrote skyscope.png, skyscope.ico and skyscope.icns to " + out);
    }

    /** The icon at {@code size} × {@code size} pixels, drawn in a 512-unit coordinate space. */
    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 512.0, size / 512.0);

        // A rounded tile of sky, light at the top.
        var tile = new RoundRectangle2D.Double(16, 16, 480, 480, 112, 112);
        g.setPaint(new GradientPaint(0, 16, new Color(0x7cc7ff), 0, 496, new Color(0x2563c9)));
        g.fill(tile);
        g.setClip(tile);

        // The office floor: a lighter band with a tile grid, seen from above.
        g.setColor(new Color(255, 255, 255, 46));
        g.fillRect(16, 300, 480, 196);
        g.setColor(new Color(255, 255, 255, 60));
        g.setStroke(new BasicStroke(4));
        for (int x = 80; x < 496; x += 64) {
            g.drawLine(x, 300, x, 496);
        }
        for (int y = 364; y < 496; y += 64) {
            g.drawLine(16, y, 496, y);
        }

        // The hearing range around the two of them.
        g.setColor(new Color(255, 255, 255, 70));
        g.fill(new Ellipse2D.Double(76, 150, 360, 300));
        g.setColor(new Color(255, 255, 255, 150));
        g.setStroke(new BasicStroke(8, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1, new float[] {18, 22}, 0));
        g.draw(new Ellipse2D.Double(76, 150, 360, 300));

        avatar(g, 176, 300, new Color(0xffb547), new Color(0x9a5b00));
        avatar(g, 336, 300, new Color(0x4fd18b), new Color(0x17733f));

        // Sound waves between them.
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(12, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < 2; i++) {
            double r = 22 + i * 24;
            g.draw(new Arc2D.Double(222 - r, 182 - r, 2 * r, 2 * r, -40, 80, Arc2D.OPEN));
        }
        g.dispose();
        return image;
    }

    /** A round-headed avatar standing at (x, feetY): body, head and a soft shadow. */
    private static void avatar(Graphics2D g, double x, double feetY, Color fill, Color outline) {
        g.setColor(new Color(0, 0, 0, 50));
        g.fill(new Ellipse2D.Double(x - 56, feetY + 24, 112, 30));
        var body = new RoundRectangle2D.Double(x - 48, feetY - 70, 96, 110, 70, 70);
        var head = new Ellipse2D.Double(x - 42, feetY - 160, 84, 84);
        g.setStroke(new BasicStroke(10));
        g.setColor(fill);
        g.fill(body);
        g.setColor(new Color(0xffe2c4));
        g.fill(head);
        g.setColor(outline);
        g.draw(body);
        g.draw(head);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        var bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** An ICO file whose entries are PNG images (understood by Windows Vista and later). */
    private static byte[] ico(int... sizes) throws IOException {
        byte[][] images = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            images[i] = png(draw(sizes[i]));
        }
        ByteBuffer header = ByteBuffer.allocate(6 + 16 * sizes.length).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = header.capacity();
        for (int i = 0; i < sizes.length; i++) {
            int s = sizes[i] >= 256 ? 0 : sizes[i]; // 0 means 256
            header.put((byte) s).put((byte) s).put((byte) 0).put((byte) 0)
                    .putShort((short) 1).putShort((short) 32)
                    .putInt(images[i].length).putInt(offset);
            offset += images[i].length;
        }
        var out = new ByteArrayOutputStream();
        out.write(header.array());
        for (byte[] image : images) {
            out.write(image);
        }
        return out.toByteArray();
    }

    /** An ICNS file with PNG entries (OS X 10.7 and later). */
    private static byte[] icns() throws IOException {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        types.put("ic10", 1024);
        var body = new ByteArrayOutputStream();
        var data = new DataOutputStream(body);
        for (var entry : types.entrySet()) {
            byte[] image = png(draw(entry.getValue()));
            data.writeBytes(entry.getKey());
            data.writeInt(8 + image.length);
            data.write(image);
        }
        var out = new ByteArrayOutputStream();
        var file = new DataOutputStream(out);
        file.writeBytes("icns");
        file.writeInt(8 + body.size());
        file.write(body.toByteArray());
        return out.toByteArray();
    }
}
