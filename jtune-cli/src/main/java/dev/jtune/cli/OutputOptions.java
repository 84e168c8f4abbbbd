package dev.jtune.cli;

import picocli.CommandLine.Option;

/** The {@code --quiet} and {@code --json} flags shared by commands that run or show studies. */
final class OutputOptions {
  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Option(names = "--json", description = "Print JSON (one object per line while running) for "
      + "scripts.")
  boolean json;

  OutputMode mode() {
    return OutputMode.of(json, quiet);
  }
}
