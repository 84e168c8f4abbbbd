package dev.jtune.cli.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line values that replace those of a study file before it is parsed, each remembered with
 * the option it came from so errors name the option. {@code sampler}/{@code pruner} replace the
 * whole section ({@code --sampler tpe} drops the file's sampler settings); their {@code args} add
 * or replace single settings.
 */
public record Overrides(
    String name,
    String direction,
    String storage,
    Integer trials,
    String time,
    Integer jobs,
    String sampler,
    Map<String, String> samplerArgs,
    String pruner,
    Map<String, String> prunerArgs,
    String parallelHistory) {

  public Overrides {
    samplerArgs = samplerArgs == null ? Map.of() : new LinkedHashMap<>(samplerArgs);
    prunerArgs = prunerArgs == null ? Map.of() : new LinkedHashMap<>(prunerArgs);
  }

  /** Overrides that leave the file's {@code parallel-history} alone. */
  public Overrides(String name, String direction, String storage, Integer trials, String time,
      Integer jobs, String sampler, Map<String, String> samplerArgs, String pruner,
      Map<String, String> prunerArgs) {
    this(name, direction, storage, trials, time, jobs, sampler, samplerArgs, pruner, prunerArgs,
        null);
  }

  /** No overrides. */
  public static Overrides none() {
    return new Overrides(null, null, null, null, null, null, null, null, null, null);
  }

  /** The tree with these overrides applied. */
  public ConfigValue.Mapping apply(ConfigValue.Mapping root) {
    ConfigValue.Mapping r = root;
    r = set(r, List.of("name"), name, "--study", true);
    r = directions(r, direction);
    r = set(r, List.of("storage"), storage, "--storage", true);
    r = set(r, List.of("budget", "trials"), trials == null ? null : trials.toString(), "--trials",
        false);
    r = set(r, List.of("budget", "time"), time, "--timeout", false);
    r = set(r, List.of("jobs"), jobs == null ? null : jobs.toString(), "--jobs", false);
    r = set(r, List.of("parallel-history"), parallelHistory, "--parallel-history", false);
    r = section(r, "sampler", sampler, samplerArgs, "--sampler", "auto");
    r = section(r, "pruner", pruner, prunerArgs, "--pruner", null);
    return r;
  }

  /**
   * Applies {@code --direction}: one word replaces the file's {@code direction} (and drops its
   * {@code directions}); a comma-separated list ({@code minimize,maximize}) replaces its
   * {@code directions} (and drops its {@code direction}).
   */
  private static ConfigValue.Mapping directions(ConfigValue.Mapping r, String text) {
    if (text == null) {
      return r;
    }
    Origin origin = Origin.of("option --direction");
    if (!text.contains(",")) {
      return r.without("directions").with("direction", new ConfigValue.Scalar(text, false,
          origin));
    }
    List<ConfigValue> items = java.util.Arrays.stream(text.split(",", -1))
        .map(w -> (ConfigValue) new ConfigValue.Scalar(w.trim(), false, origin)).toList();
    return r.without("direction").with("directions", new ConfigValue.Sequence(items, origin));
  }

  /**
   * Applies {@code --sampler NAME} / {@code --pruner NAME} and their {@code -arg}s; arguments for a
   * file without that section go to the default ({@code defaultName}), as the file would get it,
   * or, where the default takes none ({@code null}: no pruner), are refused.
   */
  private static ConfigValue.Mapping section(ConfigValue.Mapping r, String key, String name,
      Map<String, String> args, String option, String defaultName) {
    ConfigValue present = r.entries().get(key);
    if (name == null && !args.isEmpty()
        && (present == null || present instanceof ConfigValue.Scalar s && s.isNull())) {
      if (defaultName == null) {
        String arg = args.keySet().iterator().next();
        throw new ConfigException(Origin.of("option " + option + "-arg " + arg), key + "." + arg,
            "the study has no " + key + " to take it; name one with " + option + " NAME or a "
            + key + " section");
      }
      name = defaultName;
    }
    if (name != null) {
      r = r.with(key, ConfigValue.Mapping.empty(Origin.of("option " + option)));
      r = set(r, List.of(key, "name"), name, option, false);
    }
    for (Map.Entry<String, String> a : args.entrySet()) {
      r = set(r, List.of(key, a.getKey()), a.getValue(), option + "-arg " + a.getKey(), false);
    }
    return r;
  }

  private static ConfigValue.Mapping set(ConfigValue.Mapping m, List<String> path, String text,
      String option, boolean quoted) {
    if (text == null) {
      return m;
    }
    Origin origin = Origin.of("option " + option);
    String head = path.get(0);
    if (path.size() == 1) {
      return m.with(head, new ConfigValue.Scalar(text, quoted, origin));
    }
    ConfigValue child = m.entries().get(head);
    ConfigValue.Mapping inner;
    if (child instanceof ConfigValue.Mapping cm) {
      inner = cm;
    } else if (child instanceof ConfigValue.Scalar s && !s.isNull()
        && (head.equals("sampler") || head.equals("pruner"))) {
      // "sampler: tpe" is short for "sampler: {name: tpe}"
      inner = ConfigValue.Mapping.empty(s.origin()).with("name", s);
    } else if (child == null || child instanceof ConfigValue.Scalar s && s.isNull()) {
      inner = ConfigValue.Mapping.empty(origin);
    } else {
      return m;   // the file's section is no mapping ("budget: 5"): left for the parser to refuse
    }
    return m.with(head, set(inner, path.subList(1, path.size()), text, option, quoted));
  }
}
