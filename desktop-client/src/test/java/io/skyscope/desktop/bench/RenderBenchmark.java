package io.skyscope.desktop.bench;

import io.skyscope.desktop.map.Area;
import io.skyscope.desktop.map.AreaKindLabel;
import io.skyscope.desktop.map.OfficeMap;
import io.skyscope.desktop.office.OfficeSimulation;
import io.skyscope.desktop.render.MapRaster;
import io.skyscope.desktop.render.OfficeRenderer;
import io.skyscope.desktop.render.RenderFrame;
import io.skyscope.desktop.render.SpriteCache;
import io.skyscope.desktop.voice.CanvasVoiceSnapshot;
import io.skyscope.protocol.Json;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.Image;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;

/**
 * Milliseconds per rendered frame of the office view with 50, 200 and 500 moving avatars, on the
 * default office map in a 1280×800 view, twice: zoomed out so the whole map (and so every avatar)
 * is on screen, and at zoom 1 with the camera on me in the lobby. Frames are driven by JavaFX's own pulse at full speed
 * ({@code -Djavafx.animation.fullspeed=true}), so the wall time per frame includes the Prism
 * rasterisation of the canvas, not only the drawing calls. Prints a Markdown table.
 *
 * <p>Run with JavaFX's headless platform and software rendering (see docs/benchmarks.md).
 */
public final class RenderBenchmark {
    private static final int WARMUP = 180;
    private static final int FRAMES = 600;
    private static final double WIDTH = 1280;
    private static final double HEIGHT = 800;

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {50, 200, 500} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        OfficeMap map;
        try (InputStream in = RenderBenchmark.class.getResourceAsStream("/maps/default-office.tmj")) {
            map = OfficeMap.read(Json.lenient().readTree(in));
        }
        Image tiles;
        try (InputStream in = RenderBenchmark.class.getResourceAsStream("/maps/office-tiles.png")) {
            Platform.startup(() -> { });
            Platform.setImplicitExit(false); // each size closes its window; keep the toolkit up
            tiles = new Image(in);
        }
        System.out.printf("java %s, javafx %s, prism.order=%s, glass.platform=%s, %d cores%n",
                System.getProperty("java.version"), System.getProperty("javafx.runtime.version"),
                System.getProperty("prism.order"), System.getProperty("glass.platform"),
                Runtime.getRuntime().availableProcessors());
        System.out.println();
        System.out.println("| view | avatars | ms/frame (wall, mean) | p50 | p95 | FX-thread ms/frame (mean) | fps |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        double whole = Math.min(WIDTH / map.widthPixels(), HEIGHT / map.heightPixels());
        for (int n : sizes) {
            System.out.println(run(map, tiles, n, whole, "whole map, zoom " + String.format("%.2f", whole)));
        }
        for (int n : sizes) {
            System.out.println(run(map, tiles, n, 1.0, "following me, zoom 1.00"));
        }
        Platform.exit();
    }

    private static String run(OfficeMap map, Image tiles, int n, double zoom, String view) throws InterruptedException {
        Area lobby = map.areas().stream().filter(a -> a.kind() == AreaKindLabel.SPAWN).findFirst().orElseThrow();
        SyntheticCrowd crowd = new SyntheticCrowd(map, n, lobby.centerX(), lobby.centerY());
        Set<String> speaking = new HashSet<>();
        Set<String> muted = new HashSet<>();
        for (int i = 0; i < n; i += 10) {
            speaking.add("u" + i);
            muted.add("u" + (i + 5));
        }
        CanvasVoiceSnapshot voice = new CanvasVoiceSnapshot(speaking, muted, 240);
        long[] wall = new long[FRAMES];
        long[] fx = new long[FRAMES];
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            OfficeSimulation sim = new OfficeSimulation(map, crowd, () -> voice);
            sim.zoom(zoom);
            sim.viewport(WIDTH, HEIGHT);
            OfficeRenderer renderer = new OfficeRenderer(new MapRaster(map, Map.of("office-tiles.png", tiles)),
                    new SpriteCache());
            Canvas canvas = new Canvas(WIDTH, HEIGHT);
            Stage stage = new Stage();
            stage.setScene(new Scene(new Pane(canvas), WIDTH, HEIGHT));
            stage.show();
            new AnimationTimer() {
                private int frame = -WARMUP;
                private long last = -1;

                @Override
                public void handle(long now) {
                    long t0 = System.nanoTime();
                    if (frame >= 0 && last > 0) {
                        wall[frame] = t0 - last;
                    }
                    last = t0;
                    double dt = 1 / 60.0;
                    crowd.tick(dt);
                    long s = System.nanoTime();
                    RenderFrame f = sim.advance(dt);
                    renderer.render(canvas.getGraphicsContext2D(), WIDTH, HEIGHT, f);
                    if (frame >= 0) {
                        fx[frame] = System.nanoTime() - s;
                    }
                    frame++;
                    if (frame == FRAMES) {
                        stop();
                        stage.close();
                        done.countDown();
                    }
                }
            }.start();
        });
        done.await();
        long[] w = Arrays.copyOfRange(wall, 1, FRAMES);
        Arrays.sort(w);
        double mean = Arrays.stream(w).average().orElse(0) / 1e6;
        double fxMean = Arrays.stream(fx).average().orElse(0) / 1e6;
        return String.format("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.0f |", view, n, mean, w[w.length / 2] / 1e6,
                w[(int) (w.length * 0.95)] / 1e6, fxMean, 1000 / mean);
    }
}
