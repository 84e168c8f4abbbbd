package dev.jtune.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a UTF-8 CSV file with a header line as declared by a {@link CsvFormat}. Blank lines are
 * skipped, and so is a byte-order mark before the header. A line with the wrong number of fields,
 * an unterminated quote, an empty or non-numeric value in a numeric column, an empty label, a
 * header without the label column or with a column named twice, a file with no data rows, or bytes
 * that are not UTF-8 is a {@link DataFormatException} naming the file and the line. Stateless and
 * thread-safe.
 */
public final class CsvLoader {

  private final CsvFormat format;

  public CsvLoader(CsvFormat format) {
    this.format = format;
  }

  /** Reads the whole file. */
  public CsvData load(Path file) {
    return read(file, null);
  }

  /**
   * Reads a second file of the same data (a test set kept apart, new samples to predict) with
   * {@code reference}'s encoding, so that its features mean what the reference's do: the same
   * feature columns in the same order, each categorical column one-hot over the reference's
   * levels, and the labels as the reference's class indexes. A value the reference never had (a
   * level, a class) is refused by line: a network trained on the reference has no input or
   * output for it. A file encoded on its own ({@link #load}) numbers its levels and classes from
   * its own values, and would silently mean something else wherever those differ.
   *
   * @throws DataFormatException naming the file and line of a column, level or class the
   *     reference does not have
   */
  public CsvData loadLike(Path file, CsvData reference) {
    return read(file, java.util.Objects.requireNonNull(reference, "reference"));
  }

  private CsvData read(Path file, CsvData reference) {
    List<String[]> rows = new ArrayList<>();
    List<Long> lineNumbers = new ArrayList<>();
    String[] header;
    long number = 0;
    long headerLine;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first;
      do {
        first = in.readLine();
        number++;
        if (first != null && first.startsWith("\uFEFF")) {
          first = first.substring(1); // a byte-order mark, which spreadsheet programs write
        }
      } while (first != null && first.isBlank());
      if (first == null) {
        throw new DataFormatException(file, number, "empty file, expected a header line");
      }
      headerLine = number;
      first = wholeRecord(first, in, file, headerLine);
      number = headerLine + newlines(first);
      header = split(first, file, headerLine);
      Map<String, Integer> seen = new HashMap<>();
      for (int c = 0; c < header.length; c++) {
        Integer before = seen.put(header[c], c);
        if (before != null) {
          throw new DataFormatException(file, number, "column '" + header[c]
              + "' appears twice in the header (columns " + (before + 1) + " and " + (c + 1) + ")");
        }
      }
      String line;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        long start = number;
        line = wholeRecord(line, in, file, start);
        number = start + newlines(line);
        String[] fields = split(line, file, start);
        if (fields.length != header.length) {
          throw new DataFormatException(file, start, "expected " + header.length
              + " fields as in the header, found " + fields.length);
        }
        rows.add(fields);
        lineNumbers.add(start);
      }
    } catch (CharacterCodingException e) {
      throw new DataFormatException(file, "is not valid UTF-8 text (after line " + number
          + "); save it as UTF-8", e);
    } catch (IOException e) {
      throw DataFormatException.unreadable(file, e);
    }
    if (rows.isEmpty()) {
      throw new DataFormatException(file, number, "no data rows after the header");
    }
    return encode(file, header, headerLine, rows, lineNumbers, reference);
  }

  /**
   * A classification label column whose values are all numbers, some of them not whole, is a
   * regression target read as classes (each distinct value a class): refused, naming the first
   * such value and its line.
   */
  private void refuseNumericTarget(Path file, List<String[]> rows, List<Long> lines, int label) {
    int firstFraction = -1;
    for (int i = 0; i < rows.size(); i++) {
      if (!decimal(rows.get(i)[label])) {
        return; // class names
      }
      double v = Double.parseDouble(rows.get(i)[label].trim());
      if (firstFraction < 0 && v != Math.rint(v)) {
        firstFraction = i;
      }
    }
    if (firstFraction >= 0) {
      throw new DataFormatException(file, lines.get(firstFraction), "label column '"
          + format.labelColumn() + "' holds the number " + rows.get(firstFraction)[label].trim()
          + ", which is no class: for a numeric target, read the file as a regression (regression:"
          + " true in a study file, CsvFormat.regression in Java)");
    }
  }

  private CsvData encode(Path file, String[] header, long headerLine, List<String[]> rows,
      List<Long> lines, CsvData reference) {
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < header.length; c++) {
      index.put(header[c], c);
    }
    Integer label = index.get(format.labelColumn());
    if (label == null) {
      throw new DataFormatException(file, headerLine, "no column '" + format.labelColumn()
          + "' in header " + List.of(header));
    }
    for (String cat : format.categoricalColumns()) {
      if (!index.containsKey(cat)) {
        throw new DataFormatException(file, headerLine, "no categorical column '" + cat
            + "' in header " + List.of(header));
      }
    }
    List<String> columns = new ArrayList<>();
    for (int c = 0; c < header.length; c++) {
      if (c != label) {
        columns.add(header[c]);
      }
    }
    if (reference != null && format.classification() == reference.classNames().isEmpty()) {
      throw new DataFormatException(file, headerLine, "label column '" + format.labelColumn()
          + "' is read as " + (format.classification() ? "classes" : "a regression target")
          + " here but as " + (format.classification() ? "a regression target" : "classes")
          + " in the data this file must be read like");
    }
    if (reference != null && !columns.equals(reference.columns())) {
      throw new DataFormatException(file, headerLine, "feature columns " + columns + " are not "
          + "those of the data this file must be read like, " + reference.columns());
    }
    List<String> names = new ArrayList<>();
    List<Boolean> numeric = new ArrayList<>();
    List<List<String>> levels = new ArrayList<>();
    Map<String, List<String>> levelsByColumn = new java.util.LinkedHashMap<>();
    for (int c = 0; c < header.length; c++) {
      if (c == label) {
        levels.add(null);
      } else if (format.categoricalColumns().contains(header[c])) {
        // levels trimmed, as class names and numbers are: "red" and " red" are one level
        TreeSet<String> seen = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
          String[] r = rows.get(i);
          r[c] = r[c].trim();
          if (r[c].isEmpty()) {
            // as an empty number is refused: a missing level would become a level of its own
            throw new DataFormatException(file, lines.get(i), "empty value in categorical column '"
                + header[c] + "'; fill it in (with a level of its own, such as 'missing', if that "
                + "is what it means)");
          }
          seen.add(r[c]);
        }
        List<String> columnLevels = reference == null ? List.copyOf(seen)
            : reference.levels().get(header[c]);
        if (columnLevels == null) {
          throw new DataFormatException(file, headerLine, "column '" + header[c] + "' is "
              + "categorical here but numeric in the data this file must be read like");
        }
        levels.add(columnLevels);
        levelsByColumn.put(header[c], columnLevels);
        for (String level : columnLevels) {
          names.add(header[c] + "=" + level);
          numeric.add(false);
        }
      } else {
        if (reference != null && reference.levels().containsKey(header[c])) {
          throw new DataFormatException(file, headerLine, "column '" + header[c] + "' is "
              + "numeric here but categorical in the data this file must be read like");
        }
        levels.add(null);
        names.add(header[c]);
        numeric.add(true);
      }
    }
    List<String> classNames = List.of();
    Map<String, Integer> classIndex = new HashMap<>();
    if (format.classification()) {
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i)[label].isBlank()) {
          throw new DataFormatException(file, lines.get(i), "empty value in label column '"
              + format.labelColumn() + "'");
        }
      }
      refuseNumericTarget(file, rows, lines, label);
      // class names trimmed; whole numbers as numbers ("1" and "1.0" one class, 2 before 10)
      boolean numbers = reference != null
          ? reference.classNames().stream().allMatch(CsvLoader::decimal)
          : rows.stream().allMatch(r -> decimal(r[label]));
      if (reference != null) {
        classNames = reference.classNames();
      } else {
        java.util.SortedSet<String> seen = new TreeSet<>(numbers
            ? java.util.Comparator.comparing(java.math.BigDecimal::new)
            : java.util.Comparator.<String>naturalOrder());
        for (String[] r : rows) {
          seen.add(classKey(r[label], numbers));
        }
        classNames = List.copyOf(seen);
      }
      for (int k = 0; k < classNames.size(); k++) {
        classIndex.put(classNames.get(k), k);
      }
      for (int i = 0; i < rows.size(); i++) {
        String[] r = rows.get(i);
        r[label] = classKey(r[label], numbers && decimal(r[label]));
        if (!classIndex.containsKey(r[label])) {
          throw new DataFormatException(file, lines.get(i), "class '" + r[label] + "' of label "
              + "column '" + format.labelColumn() + "' is not one of the classes of the data this "
              + "file must be read like, " + classNames);
        }
      }
      if (reference == null && classNames.size() < 2) {
        throw new DataFormatException(file, headerLine, "label column '" + format.labelColumn()
            + "' has " + classNames.size() + " distinct value(s), a classification needs 2");
      }
    }
    int width = names.size();
    if (width == 0) {
      throw new DataFormatException(file, headerLine, "no feature columns besides label '"
          + format.labelColumn() + "' in header " + List.of(header));
    }
    float[] x = new float[rows.size() * width];
    float[] y = new float[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      long line = lines.get(i);
      int f = i * width;
      for (int c = 0; c < header.length; c++) {
        if (c == label) {
          y[i] = format.classification() ? classIndex.get(r[c])
              : number(r[c], header[c], file, line);
        } else if (levels.get(c) != null) {
          List<String> lv = levels.get(c);
          int level = lv.indexOf(r[c]);
          if (level < 0) {
            throw new DataFormatException(file, line, "level '" + r[c] + "' of categorical column '"
                + header[c] + "' is not one of the levels of the data this file must be read "
                + "like, " + lv);
          }
          x[f + level] = 1;
          f += lv.size();
        } else {
          x[f++] = number(r[c], header[c], file, line);
        }
      }
    }
    boolean[] isNumeric = new boolean[width];
    for (int j = 0; j < width; j++) {
      isNumeric[j] = numeric.get(j);
    }
    return new CsvData(LabeledData.table(x, width, y, format.classification()
        ? classNames.size() : 0), names, isNumeric, classNames, columns, levelsByColumn);
  }

  /** A decimal number as a person or a spreadsheet writes it (no Java suffixes or hex). */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /** Whether {@code value}, trimmed, is a decimal number. */
  private static boolean decimal(String value) {
    return DECIMAL.matcher(value.trim()).matches();
  }

  private static float number(String value, String column, Path file, long line) {
    try {
      if (!decimal(value)) {
        throw new NumberFormatException();
      }
      float v = Float.parseFloat(value.trim());
      if (Float.isInfinite(v) && Double.isFinite(Double.parseDouble(value.trim()))) {
        // finite as written, but past what the network's 32-bit floats hold
        throw new DataFormatException(file, line, "column '" + column + "': '" + value
            + "' is beyond the 32-bit float range the network computes in (about ±3.4e38); "
            + "rescale the column");
      }
      if (Float.isNaN(v) || Float.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new DataFormatException(file, line, "column '" + column + "': '" + value
          + "' is not a finite number");
    }
  }

  /**
   * A class label's name: trimmed; a number written in its plain shortest form (exactly, so that
   * {@code 1}, {@code 1.0} and {@code 1e0} are one class and large ones stay apart).
   */
  private static String classKey(String value, boolean number) {
    String trimmed = value.trim();
    if (!number) {
      return trimmed;
    }
    String plain = new java.math.BigDecimal(trimmed).stripTrailingZeros().toPlainString();
    return plain.equals("-0") ? "0" : plain;
  }

  /**
   * The record that begins with {@code line}: more lines joined with {@code \n} while a quoted
   * field is open (RFC 4180 lets one hold line breaks); refused at its first line if the file
   * ends inside the quotes.
   */
  private String wholeRecord(String line, BufferedReader in, Path file, long start)
      throws IOException {
    String record = line;
    while (openQuote(record)) {
      String next = in.readLine();
      if (next == null) {
        throw new DataFormatException(file, start, "unterminated quoted field");
      }
      record = record + "\n" + next;
    }
    return record;
  }

  /**
   * Whether a quoted field is still open at the end of {@code text}. As in {@link #split}, a quote
   * opens a quoted field only at the field's start; elsewhere it is a character of the field
   * ({@code 12" pipe}), as Python's csv module reads it.
   */
  private boolean openQuote(String text) {
    boolean quoted = false;
    boolean fieldStart = true;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            i++;
          } else {
            quoted = false;
          }
        }
      } else if (ch == '"' && fieldStart) {
        quoted = true;
        fieldStart = false;
      } else {
        fieldStart = ch == format.delimiter();
      }
    }
    return quoted;
  }

  private static long newlines(String record) {
    return record.chars().filter(c -> c == '\n').count();
  }

  private String[] split(String line, Path file, long number) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean fieldStart = true;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(ch);
        }
      } else if (ch == '"' && fieldStart) {
        quoted = true;   // only at a field's start; a quote inside a field is a character of it
        fieldStart = false;
      } else if (ch == format.delimiter()) {
        fields.add(cur.toString());
        cur.setLength(0);
        fieldStart = true;
      } else {
        cur.append(ch);
        fieldStart = false;
      }
    }
    if (quoted) {
      throw new DataFormatException(file, number, "unterminated quoted field");
    }
    fields.add(cur.toString());
    return fields.toArray(new String[0]);
  }
}
