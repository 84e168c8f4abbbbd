package dev.jtune.bench;

import java.util.function.LongSupplier;
import picocli.CommandLine.Option;

/** The {@code --clock} option of the training benchmarks: which nanosecond clock times the work. */
final class ClockOption {

  @Option(names = "--clock", defaultValue = "wall",
      description = "wall (elapsed) or cpu (the CPU time of the thread that trains): cpu is what a "
          + "busy machine disturbs least; the peers run under jtune-benchmarks/scripts/cpu_clock.py "
          + "for the same")
  String name;

  /** Whether the CPU time of the calling thread is the clock. */
  boolean isCpu() {
    return name.equals("cpu");
  }

  LongSupplier clock() {
    return isCpu() ? ResidentMemory::threadCpuNanos : System::nanoTime;
  }
}
