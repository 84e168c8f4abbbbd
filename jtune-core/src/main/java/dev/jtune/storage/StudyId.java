package dev.jtune.storage;

/** A storage's identifier of a study; distinct from the study's name, which users choose. */
public record StudyId(long value) {
  @Override
  public String toString() {
    return "study#" + value;
  }
}
