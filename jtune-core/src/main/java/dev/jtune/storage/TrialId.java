package dev.jtune.storage;

/**
 * A storage's identifier of a trial, unique across all studies of the storage; distinct from the
 * trial's {@code number}, which is dense from 0 within its study.
 */
public record TrialId(long value) {
  @Override
  public String toString() {
    return "trial#" + value;
  }
}
