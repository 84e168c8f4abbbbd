package dev.jtune.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory from {@code /proc/self/status} (Linux), in MiB; NaN elsewhere. */
final class ResidentMemory {

  private ResidentMemory() {}

  /** Current resident set size ({@code VmRSS}). */
  static double currentMb() {
    return field("VmRSS:");
  }

  /** Peak resident set size ({@code VmHWM}), what {@code ru_maxrss} reports. */
  static double peakMb() {
    return field("VmHWM:");
  }

  /** The process's CPU time (all threads: JIT and GC included) in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
