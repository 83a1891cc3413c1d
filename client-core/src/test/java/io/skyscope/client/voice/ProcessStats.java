package io.skyscope.client.voice;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory, thread counts and CPU time of this process (Linux /proc), for leak and cost tests. */
final class ProcessStats {
    private ProcessStats() {
    }

    /** Resident set size in KiB. */
    static long rssKib() {
        return statusField("VmRSS:");
    }

    /**
     * Memory the JVM itself has committed (heap, code cache, metaspace, its threads' stacks…), from
     * Native Memory Tracking; -1 unless the JVM runs with {@code -XX:NativeMemoryTracking=summary}.
     */
    static long jvmCommittedKib() {
        try {
            var server = ManagementFactory.getPlatformMBeanServer();
            var name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
            String summary = String.valueOf(server.invoke(name, "vmNativeMemory", new Object[] {new String[] {"summary"}},
                    new String[] {String[].class.getName()}));
            var m = java.util.regex.Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB").matcher(summary);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * Resident memory the JVM does not account for: what native libraries (WebRTC) hold. Falls back
     * to the whole RSS without Native Memory Tracking.
     */
    static long outsideJvmKib() {
        trimMalloc();
        long jvm = jvmCommittedKib();
        return jvm < 0 ? rssKib() : rssKib() - jvm;
    }

    /**
     * Hands the C allocator's free pages back to the system (glibc {@code malloc_trim(0)}), so that
     * resident memory follows what native code still holds rather than what it once held: freed
     * memory that stays mapped in an arena is not a leak, but grows RSS by chance. A no-op where
     * the function does not exist.
     */
    static void trimMalloc() {
        MALLOC_TRIM.ifPresent(trim -> {
            try {
                int ignored = (int) trim.invokeExact(0L);
            } catch (Throwable t) {
                throw new IllegalStateException("malloc_trim failed", t);
            }
        });
    }

    private static final java.util.Optional<java.lang.invoke.MethodHandle> MALLOC_TRIM = java.lang.foreign.Linker
            .nativeLinker().defaultLookup().find("malloc_trim")
            .map(address -> java.lang.foreign.Linker.nativeLinker().downcallHandle(address,
                    java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT,
                            java.lang.foreign.ValueLayout.JAVA_LONG)));

    /** Every thread of the process, native ones included. */
    static long osThreads() {
        return statusField("Threads:");
    }

    static int javaThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** CPU time of the whole process (all threads, native ones included), nanoseconds. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException(name + " not in /proc/self/status");
    }
}
