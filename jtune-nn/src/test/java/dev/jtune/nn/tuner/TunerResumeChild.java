package dev.jtune.nn.tuner;

import java.nio.file.Path;

/** The process {@link TunerResumeTest} starts and kills: a long search on the shared project. */
public final class TunerResumeChild {

  private TunerResumeChild() {}

  public static void main(String[] args) {
    try (Tuner tuner = TunerResumeTest.tuner(Path.of(args[0]), 1000)) {
      tuner.search(TunerResumeTest.data(), 3, 0.2);
    }
  }
}
