package dev.jtune.nn.data;

import java.util.Set;

/**
 * How to read a CSV file with a header line: which column is the label, which columns are
 * categorical (one-hot encoded, levels in sorted order), the delimiter, and whether the label is a
 * class (levels in sorted order become indices {@code 0..k-1}) or a regression target. Every other
 * column must hold numbers. Fields may be double-quoted ({@code ""} inside quotes is a quote).
 *
 * @param labelColumn the header name of the label column
 * @param categoricalColumns header names of categorical feature columns
 * @param classification the label is a class; otherwise a number to regress
 * @param delimiter the field separator, usually {@code ','}
 */
public record CsvFormat(String labelColumn, Set<String> categoricalColumns,
    boolean classification, char delimiter) {

  public CsvFormat {
    if (labelColumn == null || labelColumn.isBlank()) {
      throw new IllegalArgumentException("labelColumn='" + labelColumn + "' must be a column name");
    }
    categoricalColumns = Set.copyOf(categoricalColumns);
    if (categoricalColumns.contains(labelColumn)) {
      throw new IllegalArgumentException("label column '" + labelColumn
          + "' cannot also be a categorical feature");
    }
  }

  /** A comma-separated file whose label column holds classes; all features numeric. */
  public static CsvFormat classes(String labelColumn) {
    return new CsvFormat(labelColumn, Set.of(), true, ',');
  }

  /** A comma-separated file whose label column holds a regression target; all features numeric. */
  public static CsvFormat regression(String labelColumn) {
    return new CsvFormat(labelColumn, Set.of(), false, ',');
  }

  /** A copy with these categorical feature columns. */
  public CsvFormat withCategorical(String... columns) {
    return new CsvFormat(labelColumn, Set.of(columns), classification, delimiter);
  }
}
