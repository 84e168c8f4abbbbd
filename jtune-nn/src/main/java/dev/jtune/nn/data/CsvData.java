package dev.jtune.nn.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read into a {@link LabeledData}, with what its columns became.
 *
 * @param data the samples: one feature per numeric column and one per level of each categorical one
 * @param featureNames a name per feature ({@code column} or {@code column=level})
 * @param numeric per feature, whether it came from a numeric column (what a standardizer scales)
 * @param classNames the label's levels, index order (empty for regression)
 * @param columns the file's feature columns in file order (the label's excluded)
 * @param levels each categorical column's levels, in the order of its one-hot features
 */
public record CsvData(LabeledData data, List<String> featureNames, boolean[] numeric,
    List<String> classNames, List<String> columns, Map<String, List<String>> levels) {

  public CsvData {
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
    numeric = numeric.clone();
    columns = List.copyOf(columns);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    levels.forEach((column, values) -> copy.put(column, List.copyOf(values)));
    levels = Collections.unmodifiableMap(copy);
  }

  @Override
  public boolean[] numeric() {
    return numeric.clone();
  }
}
