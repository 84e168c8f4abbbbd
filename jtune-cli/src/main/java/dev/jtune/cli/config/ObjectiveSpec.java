package dev.jtune.cli.config;

import dev.jtune.study.MultiObjective;

/**
 * What a study evaluates, from the {@code objective} section of a study file (or the training
 * sections {@code data}, {@code model} and {@code training}).
 */
public sealed interface ObjectiveSpec {

  /**
   * A class on the classpath implementing {@link dev.jtune.study.Objective} (one value) or
   * {@link MultiObjective} (one value per direction) with a public no-argument constructor; the
   * declared space (if any) is suggested before it runs, so it may read the values with
   * {@code trial.params()} or suggest them again. {@code instance} is created (and so checked)
   * when the file is read; a one-valued class is wrapped in a {@link SingleObjective}.
   */
  record JavaClass(String className, MultiObjective instance) implements ObjectiveSpec {}

  /** A built-in analytic function ({@link BuiltinFunction}). */
  record Function(BuiltinFunction function) implements ObjectiveSpec {}

  /** Training a network (the data, model and training sections); needs the jtune-nn module. */
  record Training(TrainingSpec spec) implements ObjectiveSpec {}
}
