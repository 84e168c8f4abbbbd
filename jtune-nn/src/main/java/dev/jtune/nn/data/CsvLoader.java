package dev.jtune.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a CSV file with a header line as declared by a {@link CsvFormat}. Blank lines are skipped.
 * A line with the wrong number of fields, an unterminated quote, an empty or non-numeric value in a
 * numeric column, or a header without the label column is a {@link DataFormatException} naming the
 * file and the line. Stateless and thread-safe.
 */
public final class CsvLoader {

  private final CsvFormat format;

  public CsvLoader(CsvFormat format) {
    this.format = format;
  }

  /** Reads the whole file. */
  public CsvData load(Path file) {
    List<String[]> rows = new ArrayList<>();
    List<Long> lineNumbers = new ArrayList<>();
    String[] header;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null) {
        throw new DataFormatException(file, 1, "empty file, expected a header line");
      }
      header = split(first, file, 1);
      String line;
      long number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = split(line, file, number);
        if (fields.length != header.length) {
          throw new DataFormatException(file, number, "expected " + header.length
              + " fields as in the header, found " + fields.length);
        }
        rows.add(fields);
        lineNumbers.add(number);
      }
    } catch (IOException e) {
      throw new DataFormatException(file, "cannot be read", e);
    }
    return encode(file, header, rows, lineNumbers);
  }

  private CsvData encode(Path file, String[] header, List<String[]> rows, List<Long> lines) {
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < header.length; c++) {
      index.put(header[c], c);
    }
    Integer label = index.get(format.labelColumn());
    if (label == null) {
      throw new DataFormatException(file, 1, "no column '" + format.labelColumn()
          + "' in header " + List.of(header));
    }
    for (String cat : format.categoricalColumns()) {
      if (!index.containsKey(cat)) {
        throw new DataFormatException(file, 1, "no categorical column '" + cat + "' in header "
            + List.of(header));
      }
    }
    List<String> names = new ArrayList<>();
    List<Boolean> numeric = new ArrayList<>();
    List<List<String>> levels = new ArrayList<>();
    for (int c = 0; c < header.length; c++) {
      if (c == label) {
        levels.add(null);
      } else if (format.categoricalColumns().contains(header[c])) {
        TreeSet<String> seen = new TreeSet<>();
        for (String[] r : rows) {
          seen.add(r[c]);
        }
        levels.add(List.copyOf(seen));
        for (String level : seen) {
          names.add(header[c] + "=" + level);
          numeric.add(false);
        }
      } else {
        levels.add(null);
        names.add(header[c]);
        numeric.add(true);
      }
    }
    List<String> classNames = List.of();
    Map<String, Integer> classIndex = new HashMap<>();
    if (format.classification()) {
      TreeSet<String> seen = new TreeSet<>();
      for (String[] r : rows) {
        seen.add(r[label]);
      }
      classNames = List.copyOf(seen);
      for (int k = 0; k < classNames.size(); k++) {
        classIndex.put(classNames.get(k), k);
      }
      if (classNames.size() < 2) {
        throw new DataFormatException(file, 1, "label column '" + format.labelColumn()
            + "' has " + classNames.size() + " distinct value(s), a classification needs 2");
      }
    }
    int width = names.size();
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
          x[f + lv.indexOf(r[c])] = 1;
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
        ? classNames.size() : 0), names, isNumeric, classNames);
  }

  private static float number(String value, String column, Path file, long line) {
    try {
      float v = Float.parseFloat(value.trim());
      if (Float.isNaN(v) || Float.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new DataFormatException(file, line, "column '" + column + "': '" + value
          + "' is not a finite number");
    }
  }

  private String[] split(String line, Path file, long number) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
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
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == format.delimiter()) {
        fields.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (quoted) {
      throw new DataFormatException(file, number, "unterminated quoted field");
    }
    fields.add(cur.toString());
    return fields.toArray(new String[0]);
  }
}
