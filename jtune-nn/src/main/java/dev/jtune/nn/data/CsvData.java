package dev.jtune.nn.data;

import java.util.List;

/**
 * A CSV file read into a {@link LabeledData}, with what its columns became.
 *
 * @param data the samples: one feature per numeric column and one per level of each categorical one
 * @param featureNames a name per feature ({@code column} or {@code column=level})
 * @param numeric per feature, whether it came from a numeric column (what a standardizer scales)
 * @param classNames the label's levels, index order (empty for regression)
 */
public record CsvData(LabeledData data, List<String> featureNames, boolean[] numeric,
    List<String> classNames) {

  public CsvData {
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
    numeric = numeric.clone();
  }

  @Override
  public boolean[] numeric() {
    return numeric.clone();
  }
}
