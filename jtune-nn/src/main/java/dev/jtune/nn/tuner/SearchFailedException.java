package dev.jtune.nn.tuner;

import dev.jtune.JtuneException;

/**
 * A search whose trials kept failing: {@code maxConsecutiveFailedTrials} in a row failed (Keras
 * Tuner's {@code max_consecutive_failed_trials}), or every trial it ran failed. The failed trials
 * stay in the project's study with their reasons ({@code fail_reason}); the message quotes the
 * last one.
 */
public final class SearchFailedException extends JtuneException {
  private static final long serialVersionUID = 1L;

  SearchFailedException(String message) {
    super(message);
  }
}
