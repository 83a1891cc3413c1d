package io.skyscope.client.voice;

import dev.onvoid.webrtc.internal.NativeObject;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the native references that webrtc-java 0.14.0 hands to Java and never gives back.
 *
 * <p>Its JNI code wraps the results of {@code createPeerConnection}, {@code addTransceiver} and
 * {@code addTrack} with one reference each, and nothing in its Java API releases them:
 * {@code RTCPeerConnection.close()} closes but does not release. Every closed link therefore kept
 * its peer connection and transceiver alive, about 170 kB each (measured here over 100 cycles).
 * This class calls the object's own {@code Release()}, the second entry of the vtable of
 * {@code webrtc::RefCountInterface} (AddRef, Release, then the destructors, in declaration order),
 * through the Foreign Function API.
 *
 * <p>It is on by default on Linux, where it is tested; elsewhere it is off (a leak, not a crash)
 * unless {@code -Dskyscope.voice.releaseNativeRefs=true}. {@code =false} turns it off anywhere.
 * Only objects whose Java wrapper owns a reference may be passed: the wrappers from
 * {@code getSender()}, {@code getReceiver()} and {@code getTrack()} do not own one. Call on the
 * engine's control thread.
 */
final class NativeReferences {
    private static final Logger LOG = LoggerFactory.getLogger(NativeReferences.class);
    private static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("skyscope.voice.releaseNativeRefs",
            String.valueOf(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"))));
    private static final Field HANDLE = handleField();

    private NativeReferences() {
    }

    static boolean enabled() {
        return ENABLED && HANDLE != null;
    }

    /** The native pointer a wrapper holds now (0 if none); read it before a call that clears it. */
    static long handle(NativeObject object) {
        if (HANDLE == null || object == null) {
            return 0;
        }
        try {
            return HANDLE.getLong(object);
        } catch (IllegalAccessException e) {
            return 0;
        }
    }

    /**
     * Releases the reference held for {@code pointer}; returns true if that was the last one (the
     * object was deleted). Does nothing when disabled or for a null pointer.
     */
    static boolean release(long pointer, String what) {
        if (!enabled() || pointer == 0) {
            return false;
        }
        try {
            MemorySegment object = MemorySegment.ofAddress(pointer).reinterpret(ValueLayout.ADDRESS.byteSize());
            MemorySegment vtable = object.get(ValueLayout.ADDRESS, 0).reinterpret(2 * ValueLayout.ADDRESS.byteSize());
            MemorySegment releaseFunction = vtable.getAtIndex(ValueLayout.ADDRESS, 1);
            MethodHandle release = Linker.nativeLinker().downcallHandle(releaseFunction,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            int status = (int) release.invokeExact(object);
            LOG.debug("released {}: {}", what, status == 0 ? "deleted" : "other references remain");
            return status == 0;
        } catch (Throwable t) {
            LOG.warn("cannot release {}: {}", what, t.toString());
            return false;
        }
    }

    private static Field handleField() {
        try {
            Field f = NativeObject.class.getDeclaredField("nativeHandle");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("webrtc-java's native handles are not reachable; closed voice links will leak: {}", e.toString());
            return null;
        }
    }
}
