package dev.jtune.cli;

import dev.jtune.study.Objective;
import dev.jtune.trial.Trial;

/**
 * A test objective class for study files: {@code x} in [-1, 1], value {@code x^2}, after sleeping
 * {@code -Dsleepy.ms} milliseconds (default 100) so that runs can be interrupted mid-trial;
 * prints {@code sleepy: trial N started} to standard error when it starts.
 */
public final class SleepyObjective implements Objective {
  @Override
  public double evaluate(Trial trial) throws Exception {
    double x = trial.suggestFloat("x", -1, 1);
    System.err.println("sleepy: trial " + trial.number() + " started");
    System.err.flush();
    Thread.sleep(Long.getLong("sleepy.ms", 100));
    return x * x;
  }
}
