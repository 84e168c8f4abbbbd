package dev.jtune.nn.tuner;

import dev.jtune.nn.model.Task;
import dev.jtune.study.Study;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a project records about its searches in the study user attribute {@value #ATTR}, so that a
 * later process can rebuild its networks and refuse a search that would not compare: the task
 * ({@code kind}, {@code input_shape}, {@code classes}), the {@code objective} and other
 * {@code scores}, the epochs each trial trains in all folds and executions ({@code steps}) and
 * per network ({@code epochs}), and whether its reports are per fold ({@code fold_reports}). The {@link Tuner} writes it when a search starts.
 */
final class ProjectTask {
  /** The study user attribute. */
  static final String ATTR = "jtune_nn_task";

  private ProjectTask() {}

  /**
   * The task {@code study} records, or {@code null} before its first search.
   *
   * @throws IllegalStateException if the attribute cannot be read as a task
   */
  static Task read(Study study, String projectName) {
    if (!(study.userAttrs().get(ATTR) instanceof Map<?, ?> m)) {
      return null;
    }
    try {
      int[] shape = ((List<?>) m.get("input_shape")).stream()
          .mapToInt(v -> ((Number) v).intValue()).toArray();
      return new Task(Task.Kind.valueOf(m.get("kind").toString()), shape,
          ((Number) m.get("classes")).intValue());
    } catch (RuntimeException e) {
      throw new IllegalStateException("project '" + projectName + "' stores a task this "
          + "version cannot read (study attribute " + ATTR + " = " + m + ": " + e + "); use "
          + "another projectName, or overwrite(true) to start the project afresh", e);
    }
  }

  /**
   * The epochs each trial of {@code study}'s last search trained, all folds and executions
   * together, or {@code fallback}.
   */
  static int steps(Study study, int fallback) {
    return number(study, "steps", fallback);
  }

  /**
   * The epochs each network of {@code study}'s last search trained (a population member's
   * interval), or {@code fallback} (projects from before it was recorded: {@link #steps}).
   */
  static int epochs(Study study, int fallback) {
    return number(study, "epochs", steps(study, fallback));
  }

  private static int number(Study study, String key, int fallback) {
    return study.userAttrs().get(ATTR) instanceof Map<?, ?> m
        && m.get(key) instanceof Number n ? n.intValue() : fallback;
  }

  /**
   * Refuses {@code config} for a project searched with another objective or other scores: its
   * trials' values would not compare.
   *
   * @throws IllegalArgumentException naming both
   */
  static void refuseAnotherObjective(Study study, TunerBuilder config) {
    if (study.userAttrs().get(ATTR) instanceof Map<?, ?> m && m.get("objective") != null
        && (!m.get("objective").equals(config.metric.label()) || !Objects.equals(
            m.get("scores") == null ? List.of() : m.get("scores"),
            config.objectiveLabels().subList(1, config.objectiveLabels().size())))) {
      throw new IllegalArgumentException("project '" + config.projectName + "' was searched with "
          + "objective " + m.get("objective") + (m.get("scores") instanceof List<?> l
              && !l.isEmpty() ? " and " + l : "") + ", not " + config.metric.label()
          + (TunerObjectives.several(config) ? " and " + config.objectiveLabels().subList(1,
              config.objectiveLabels().size()) : "") + ": its trials' "
          + "values would not compare. Use another projectName, or overwrite(true) to start the "
          + "project afresh");
    }
  }
}
