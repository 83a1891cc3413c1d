package io.skyscope.desktop.render;

/**
 * What part of the map a frame shows: the map point at the centre of the view and the zoom
 * (screen pixels per map pixel).
 */
public record Camera(double centreX, double centreY, double zoom) {
    public static final double MIN_ZOOM = 0.35;
    public static final double MAX_ZOOM = 3.0;

    public static double clampZoom(double zoom) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
    }

    /** The map x under a screen x, for a view {@code viewWidth} wide. */
    public double mapX(double screenX, double viewWidth) {
        return centreX + (screenX - viewWidth / 2) / zoom;
    }

    public double mapY(double screenY, double viewHeight) {
        return centreY + (screenY - viewHeight / 2) / zoom;
    }

    public double screenX(double mapX, double viewWidth) {
        return (mapX - centreX) * zoom + viewWidth / 2;
    }

    public double screenY(double mapY, double viewHeight) {
        return (mapY - centreY) * zoom + viewHeight / 2;
    }
}
