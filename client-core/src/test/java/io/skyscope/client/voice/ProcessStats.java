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
