package dev.jtune.space;

/**
 * The set of values one hyperparameter may take. A closed family of immutable records:
 * {@link FloatDistribution}, {@link IntDistribution} and {@link CategoricalDistribution}.
 *
 * <p>Every value has an <em>internal</em> {@code double} form, which is what samplers and storages
 * see: a float is itself, an int is its exact {@code double}, a categorical choice is its index. The
 * conversions are exact round trips: {@code toInternal(toExternal(x)) == x} for every internal value
 * {@code x} the distribution {@linkplain #contains(double) contains}, and
 * {@code toExternal(toInternal(v)).equals(v)} for every external value {@code v} it contains.
 *
 * <p>Instances are immutable and thread-safe. Equal distributions are interchangeable.
 */
public sealed interface Distribution
    permits FloatDistribution, IntDistribution, CategoricalDistribution {

  /**
   * Converts an external value (what the objective sees) to the internal form.
   *
   * @throws IllegalArgumentException if the value is not of this distribution's type or not in it;
   *     the message names the value
   */
  double toInternal(Object external);

  /**
   * Converts an internal value to the external form the objective sees: a {@code Double}, an
   * {@code Integer}, or one of a categorical's choices (which may be {@code null}).
   *
   * @throws IllegalArgumentException if the value is not contained in this distribution
   */
  Object toExternal(double internal);

  /** Whether the internal value lies in this distribution (inside the bounds and on the step grid). */
  boolean contains(double internal);

  /** Whether this distribution has exactly one value (a fixed parameter). */
  boolean isSingle();

  /** A one-line human-readable form, used in error messages and summaries. */
  String describe();
}
