package dev.jtune.space;

import dev.jtune.internal.JsonLike;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A parameter that takes one of a list of choices: strings, numbers, booleans, enum constants or
 * {@code null}. The internal form of a choice is its index in the list.
 *
 * <p>Rules: at least one choice, and no choice listed twice (a repeated choice would make the round
 * trip ambiguous). A single choice is a fixed parameter. Matching an external value to a choice
 * accepts, besides {@code equals}, a number equal in value (so {@code 1} matches {@code 1L}, and a
 * {@code float} its shortest decimal: {@code 0.1f} matches {@code 0.1}) and an enum constant's name
 * (so values read back from JSON or YAML match), in that order of preference. Two distributions
 * are equal when their choices are equal one by one as a storage keeps them (a number by value, a
 * {@code float} as its shortest decimal, an enum constant as its name), so a distribution read
 * back from a database equals the one the code declares.
 *
 * @param choices the values, in order; an unmodifiable list that may contain {@code null}
 */
public record CategoricalDistribution(List<Object> choices) implements Distribution {

  public CategoricalDistribution {
    Objects.requireNonNull(choices, "choices");
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("a categorical parameter needs at least one choice, got []");
    }
    List<Object> copy = new ArrayList<>(choices);
    for (int i = 0; i < copy.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (Objects.equals(copy.get(i), copy.get(j))) {
          throw new IllegalArgumentException(
              "choice " + copy.get(i) + " is listed twice in " + copy);
        }
      }
    }
    choices = Collections.unmodifiableList(copy);
  }

  /** The given choices, in order. */
  public static CategoricalDistribution of(Object... choices) {
    return new CategoricalDistribution(Arrays.asList(choices));
  }

  /** The constants of an enum, in declaration order. */
  public static <E extends Enum<E>> CategoricalDistribution ofEnum(Class<E> type) {
    return new CategoricalDistribution(Arrays.asList((Object[]) type.getEnumConstants()));
  }

  /** {@code false} and {@code true}. */
  public static CategoricalDistribution bool() {
    return of(false, true);
  }

  /** A parameter fixed at one value (Keras Tuner's {@code hp.Fixed}). */
  public static CategoricalDistribution fixed(Object value) {
    return new CategoricalDistribution(Collections.singletonList(value));
  }

  /** The number of choices. */
  public int size() {
    return choices.size();
  }

  /**
   * The index of the choice that matches the value, or {@code -1}. See the class comment for the
   * matching rules.
   */
  public int indexOf(Object external) {
    int exact = choices.indexOf(external);
    if (exact >= 0) {
      return exact;
    }
    for (int i = 0; i < choices.size(); i++) {
      Object choice = choices.get(i);
      if (choice instanceof Number c && external instanceof Number e
          && (Double.compare(c.doubleValue(), e.doubleValue()) == 0
              || Double.compare(JsonLike.asStored(c), JsonLike.asStored(e)) == 0)) {
        return i;
      }
      if (choice instanceof Enum<?> c && external instanceof String e && c.name().equals(e)) {
        return i;
      }
    }
    return -1;
  }

  /** Choices that match one by one as {@link #indexOf} matches values (see the class comment). */
  @Override
  public boolean equals(Object other) {
    return other instanceof CategoricalDistribution d && JsonLike.equivalent(choices, d.choices);
  }

  @Override
  public int hashCode() {
    return JsonLike.hash(choices);
  }

  @Override
  public double toInternal(Object external) {
    int index = indexOf(external);
    if (index < 0) {
      throw new IllegalArgumentException("value " + external
          + (external == null ? "" : " (" + external.getClass().getSimpleName() + ")")
          + " is not one of " + choices + typesOf(choices));
    }
    return index;
  }

  @Override
  public Object toExternal(double internal) {
    if (!contains(internal)) {
      throw new IllegalArgumentException(
          "internal value " + internal + " is not an index into " + choices);
    }
    return choices.get((int) internal);
  }

  @Override
  public boolean contains(double internal) {
    return internal >= 0 && internal < choices.size() && internal == Math.rint(internal);
  }

  @Override
  public boolean isSingle() {
    return choices.size() == 1;
  }

  @Override
  public String describe() {
    return "categorical" + choices;
  }

  /** The choices' types, when a value's and a choice's text could look alike ("1" and 1). */
  private static String typesOf(List<Object> choices) {
    return " (" + String.join(", ", choices.stream()
        .map(c -> c == null ? "null" : c.getClass().getSimpleName()).distinct().toList()) + ")";
  }
}
