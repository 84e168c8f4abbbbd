package dev.jtune.nn.model;

import java.util.List;

/**
 * Checks of a hypermodel's choice lists, made when the hypermodel is built so that a bad list is
 * refused by name at once rather than failing every trial of a search.
 */
final class ChoiceLists {
  private ChoiceLists() {}

  /** An immutable copy of {@code values}, which must hold at least one value. */
  static <T> List<T> nonEmpty(String name, List<T> values) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException(name + " needs at least one value, got " + values);
    }
    for (T v : values) {
      if (v == null) {
        throw new IllegalArgumentException(name + " " + values + " holds null");
      }
    }
    return List.copyOf(values);
  }

  /** An immutable copy of {@code values}: at least one, each at least 1. */
  static List<Integer> positive(String name, List<Integer> values) {
    List<Integer> copy = nonEmpty(name, values);
    for (int v : copy) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " " + copy + " holds " + v + "; each must be "
            + ">= 1");
      }
    }
    return copy;
  }
}
