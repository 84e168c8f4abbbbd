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

  /**
   * The calling thread's CPU time in nanoseconds: the work of a single-threaded benchmark, without
   * the JIT's and GC's threads (and, on the peer's side, without the idle-spinning threads a
   * libtorch process keeps, which double Python's process CPU time).
   */
  static long threadCpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
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
