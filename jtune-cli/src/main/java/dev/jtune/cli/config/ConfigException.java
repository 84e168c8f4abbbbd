package dev.jtune.cli.config;

import dev.jtune.cli.CliException;
import dev.jtune.cli.ExitCode;

/**
 * An invalid study configuration. The message starts with where the problem is
 * ({@code file:line:column}) and the dotted key ({@code sampler.startup-trials}), then says what is
 * wrong and what was expected. Exit code {@link ExitCode#CONFIG}.
 */
public final class ConfigException extends CliException {
  private final Origin origin;
  private final String key;

  /** A problem at {@code origin} with the value of {@code key} (a dotted path, may be empty). */
  public ConfigException(Origin origin, String key, String problem) {
    super(ExitCode.CONFIG, origin.describe() + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
    this.origin = origin;
    this.key = key;
  }

  /** Where the problem is. */
  public Origin origin() {
    return origin;
  }

  /** The dotted key of the offending value; empty for problems with the whole file. */
  public String key() {
    return key;
  }
}
