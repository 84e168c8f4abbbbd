package dev.jtune.study;

import dev.jtune.internal.JsonWriter;
import dev.jtune.io.AtomicFile;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Exports a study's trials to CSV and JSON, one row or object per trial, in the order given (a
 * study's trials come ordered by number). Column and member names follow Optuna's
 * {@code study.trials_dataframe()}, so existing notebooks and tools read the files unchanged.
 *
 * <h2>CSV</h2>
 * RFC 4180: UTF-8 text (for the file variants), a header row first, CRLF line breaks, fields holding
 * a comma, a double quote, CR or LF are quoted with their quotes doubled. The columns, in order:
 * <ul>
 *   <li>{@code number}, {@code state} (the {@link TrialState} name);
 *   <li>{@code value} for a single-objective study, otherwise {@code values_0}, {@code values_1},
 *       ... one per direction; empty when the trial has no value (FAIL, RUNNING, WAITING, and a
 *       PRUNED trial that reported nothing);
 *   <li>{@code datetime_start}, {@code datetime_complete}: ISO-8601 instants ({@link Instant#toString()}),
 *       empty when not started or not finished;
 *   <li>{@code duration_s}: seconds as a plain decimal, empty unless the trial has started and finished;
 *   <li>{@code params_<name>}: the union of all trials' parameter names in order of first appearance;
 *       empty when a trial lacks the parameter (a conditional space);
 *   <li>{@code user_attrs_<key>}: likewise for user attributes; lists and maps are written as compact
 *       JSON text;
 *   <li>{@code constraints}, in a constrained study only ({@link Feasibility}): the trial's stored
 *       constraint values as compact JSON text, empty when it has none;
 *   <li>{@code reason}: for FAIL the first line of {@link FrozenTrial#FAIL_REASON} (the exception's
 *       class and message), for PRUNED the {@link FrozenTrial#PRUNE_REASON}'s first line; else empty.
 * </ul>
 * Numbers are written with {@link Double#toString(double)} (so {@code Infinity}, {@code -Infinity}
 * and {@code NaN} for non-finite values) or as integers; enum constants as their
 * {@link Enum#name()}; other categorical choices with {@code toString()}. A {@code null} categorical
 * choice is an empty cell, as is a missing parameter; the JSON export tells the two apart.
 *
 * <h2>JSON</h2>
 * One object, indented by two spaces:
 * <pre>{@code
 * {"study": "name", "directions": ["MINIMIZE"], "trials": [
 *   {"number": 0, "state": "COMPLETE", "value": 1.5,
 *    "datetime_start": "2024-05-01T10:00:00Z", "datetime_complete": "...", "duration_s": 0.25,
 *    "params": {"x": 0.5, "opt": "adam"}, "user_attrs": {...}, "intermediate_values": {"0": 2.0},
 *    "reason": null}, ...]}
 * }</pre>
 * A multi-objective study has a {@code "values"} array (empty when the trial has no values) in place
 * of {@code "value"} (which is {@code null} when absent). Finite numbers are JSON numbers; since JSON
 * has no non-finite numbers, {@code Infinity}, {@code -Infinity} and {@code NaN} (legal objective,
 * parameter and attribute values) are written as the <em>strings</em> {@code "Infinity"},
 * {@code "-Infinity"} and {@code "NaN"}. A {@code null} categorical choice is JSON {@code null}; a
 * parameter the trial lacks is absent from its {@code "params"}. Enum choices are their
 * {@code name()}, other non-JSON choices their {@code toString()}. A trial with stored constraint
 * values has them as {@code "constraints"} (a list, or {@code null} where they could not be had).
 * The {@code "reason"} is the full
 * stored text (the whole stack trace of a FAIL trial), or {@code null}.
 *
 * <p>Stateless and thread-safe. The {@code Appendable} variants write to their target as they go;
 * the {@code Path} variants never leave a partial file behind.
 */
public final class TrialExport {

  private static final String CRLF = "\r\n";

  private TrialExport() {}

  /**
   * Writes the trials as CSV (see the class comment) to {@code out}, header first.
   *
   * @param directions the study's directions; they decide the value columns
   * @throws IllegalArgumentException if {@code directions} is empty, or a trial has values but not
   *     one per direction (naming the trial); checked before anything is written
   * @throws IOException if {@code out} throws; part of the text may have been written
   */
  public static void writeCsv(List<StudyDirection> directions, List<FrozenTrial> trials,
      Appendable out) throws IOException {
    Objects.requireNonNull(out, "out");
    Columns columns = Columns.of(directions, trials);
    List<String> header = new ArrayList<>(List.of("number", "state"));
    header.addAll(columns.valueNames());
    header.addAll(List.of("datetime_start", "datetime_complete", "duration_s"));
    columns.params().forEach(name -> header.add("params_" + name));
    columns.userAttrs().forEach(key -> header.add("user_attrs_" + key));
    boolean constrained = Feasibility.constrained(trials);
    if (constrained) {
      header.add("constraints");
    }
    header.add("reason");
    csvRow(header, out);
    for (FrozenTrial t : trials) {
      List<String> row = new ArrayList<>(header.size());
      row.add(Integer.toString(t.number()));
      row.add(t.state().name());
      for (int i = 0; i < directions.size(); i++) {
        row.add(t.values().isEmpty() ? "" : Double.toString(t.values().get(i)));
      }
      row.add(t.started() == null ? "" : t.started().toString());
      row.add(t.completed() == null ? "" : t.completed().toString());
      row.add(t.duration().map(d -> seconds(d).toPlainString()).orElse(""));
      for (String name : columns.params()) {
        row.add(csvText(t.param(name)));
      }
      for (String key : columns.userAttrs()) {
        row.add(csvText(t.userAttrs().get(key)));
      }
      if (constrained) {
        row.add(csvText(t.systemAttrs().get(FrozenTrial.CONSTRAINTS)));
      }
      String reason = reason(t);
      row.add(reason == null ? "" : firstLine(reason));
      csvRow(row, out);
    }
  }

  /**
   * Writes the trials as one JSON object (see the class comment) to {@code out}.
   *
   * @param studyName the study's name, written as {@code "study"}
   * @param directions the study's directions; they decide {@code "value"} or {@code "values"}
   * @throws IllegalArgumentException if {@code directions} is empty, or a trial has values but not
   *     one per direction (naming the trial); checked before anything is written
   * @throws IOException if {@code out} throws; part of the text may have been written
   */
  public static void writeJson(String studyName, List<StudyDirection> directions,
      List<FrozenTrial> trials, Appendable out) throws IOException {
    Objects.requireNonNull(studyName, "studyName");
    Objects.requireNonNull(out, "out");
    Columns.of(directions, trials);
    JsonWriter json = new JsonWriter(out, "  ");
    json.beginObject().name("study").value(studyName);
    json.name("directions").beginArray();
    for (StudyDirection d : directions) {
      json.value(d.name());
    }
    json.endArray().name("trials").beginArray();
    for (FrozenTrial t : trials) {
      jsonTrial(t, directions.size(), json);
    }
    json.endArray().endObject();
    out.append('\n');
  }

  /**
   * Writes the study's trials as a CSV file (UTF-8), replacing any file there. The text goes to a
   * temporary file in the same directory that is then moved into place (atomically where the file
   * system allows), so a failed export leaves the old file, or none, never a partial one.
   *
   * @throws UncheckedIOException naming the path if the file cannot be written
   */
  public static void writeCsv(Study study, Path file) {
    Objects.requireNonNull(study, "study");
    List<FrozenTrial> trials = study.trials();
    writeAtomically(file, out -> writeCsv(study.directions(), trials, out));
  }

  /**
   * Writes the study's trials as a JSON file (UTF-8), replacing any file there; atomic as
   * {@link #writeCsv(Study, Path)} is.
   *
   * @throws UncheckedIOException naming the path if the file cannot be written
   */
  public static void writeJson(Study study, Path file) {
    Objects.requireNonNull(study, "study");
    List<FrozenTrial> trials = study.trials();
    writeAtomically(file, out -> writeJson(study.name(), study.directions(), trials, out));
  }

  // ---- rows ---------------------------------------------------------------------------------

  /** The columns the trials need: value names, and the params and user attrs seen, in order. */
  private record Columns(List<String> valueNames, Set<String> params, Set<String> userAttrs) {

    static Columns of(List<StudyDirection> directions, List<FrozenTrial> trials) {
      Objects.requireNonNull(directions, "directions");
      Objects.requireNonNull(trials, "trials");
      if (directions.isEmpty() || directions.stream().anyMatch(Objects::isNull)) {
        throw new IllegalArgumentException(
            "an export needs one non-null direction per objective, got " + directions);
      }
      Set<String> params = new LinkedHashSet<>();
      Set<String> userAttrs = new LinkedHashSet<>();
      for (FrozenTrial t : trials) {
        Objects.requireNonNull(t, "trials must not contain null");
        if (!t.values().isEmpty() && t.values().size() != directions.size()) {
          throw new IllegalArgumentException("trial " + t.number() + " has " + t.values().size()
              + " values " + t.values() + " but the study has " + directions.size()
              + " directions " + directions);
        }
        params.addAll(t.internalParams().keySet());
        userAttrs.addAll(t.userAttrs().keySet());
      }
      List<String> valueNames = new ArrayList<>();
      if (directions.size() == 1) {
        valueNames.add("value");
      } else {
        for (int i = 0; i < directions.size(); i++) {
          valueNames.add("values_" + i);
        }
      }
      return new Columns(valueNames, params, userAttrs);
    }
  }

  private static void jsonTrial(FrozenTrial t, int objectives, JsonWriter json)
      throws IOException {
    json.beginObject().name("number").value(t.number()).name("state").value(t.state().name());
    if (objectives == 1) {
      json.name("value");
      if (t.values().isEmpty()) {
        json.nullValue();
      } else {
        json.value(t.values().get(0));
      }
    } else {
      json.name("values").beginArray();
      for (double v : t.values()) {
        json.value(v);
      }
      json.endArray();
    }
    json.name("datetime_start").value(t.started() == null ? null : t.started().toString());
    json.name("datetime_complete").value(t.completed() == null ? null : t.completed().toString());
    json.name("duration_s").value(t.duration().map(TrialExport::seconds).orElse(null));
    json.name("params").any(t.params());
    json.name("user_attrs").any(t.userAttrs());
    if (Feasibility.hasConstraints(t)) {
      json.name("constraints").any(t.systemAttrs().get(FrozenTrial.CONSTRAINTS));
    }
    json.name("intermediate_values").beginObject();
    for (Map.Entry<Integer, Double> e : t.intermediateValues().entrySet()) {
      json.name(e.getKey().toString()).value(e.getValue());
    }
    json.endObject();
    json.name("reason").value(reason(t));
    json.endObject();
  }

  /** The stored reason of a FAIL or PRUNED trial, or {@code null}. */
  private static String reason(FrozenTrial t) {
    Object reason = t.state() == TrialState.FAIL ? t.systemAttrs().get(FrozenTrial.FAIL_REASON)
        : t.state() == TrialState.PRUNED ? t.systemAttrs().get(FrozenTrial.PRUNE_REASON) : null;
    return reason == null ? null : reason.toString();
  }

  private static String firstLine(String text) {
    int end = 0;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    return text.substring(0, end);
  }

  /** Whole seconds and nanoseconds as an exact decimal, without trailing zeros or an exponent. */
  private static BigDecimal seconds(Duration d) {
    BigDecimal s = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
        .stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  // ---- CSV encoding -------------------------------------------------------------------------

  private static String csvText(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double || value instanceof Float) {
      // a float as its shortest decimal (0.1f is 0.1, not 0.10000000149011612), as stored
      return Double.toString(dev.jtune.internal.JsonLike.asStored((Number) value));
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Map<?, ?> || value instanceof Iterable<?> || value instanceof Object[]) {
      return JsonWriter.toJson(value);
    }
    return value.toString();
  }

  private static void csvRow(List<String> fields, Appendable out) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      csvField(fields.get(i), out);
    }
    out.append(CRLF);
  }

  private static void csvField(String field, Appendable out) throws IOException {
    boolean quote = false;
    for (int i = 0; i < field.length() && !quote; i++) {
      char c = field.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      out.append(field);
      return;
    }
    out.append('"').append(field.replace("\"", "\"\"")).append('"');
  }

  // ---- files --------------------------------------------------------------------------------

  private interface Body {
    void writeTo(Appendable out) throws IOException;
  }

  private static void writeAtomically(Path file, Body body) {
    Objects.requireNonNull(file, "file");
    Path target = file.toAbsolutePath();
    if (target.getParent() == null) {
      throw new IllegalArgumentException("cannot export trials to " + target + ": not a file path");
    }
    try {
      // a lone surrogate (half an emoji in a user string) becomes '?' in CSV instead of failing
      // the whole export; JSON escapes it
      AtomicFile.write(target, body::writeTo);
    } catch (IOException e) {
      throw new UncheckedIOException("could not export trials to " + target + ": " + e, e);
    }
  }

}
