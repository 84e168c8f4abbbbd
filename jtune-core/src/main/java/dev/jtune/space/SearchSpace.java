package dev.jtune.space;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A declared, ordered set of named hyperparameters and their distributions: what Keras Tuner calls
 * {@code HyperParameters}. Grid search enumerates it, quasi-random samplers give each entry one
 * dimension, and configuration files are read into it. Define-by-run objectives do not need one; an
 * objective that has one can suggest all of its parameters with
 * {@code trial.suggestAll(space)}.
 *
 * <p>Immutable; iteration follows declaration order. Names are non-blank and unique.
 */
public final class SearchSpace {
  private static final SearchSpace EMPTY = new SearchSpace(Map.of());

  private final Map<String, Distribution> parameters;

  private SearchSpace(Map<String, Distribution> parameters) {
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** The space with no parameters. */
  public static SearchSpace empty() {
    return EMPTY;
  }

  /** A space holding the given parameters in the map's iteration order. */
  public static SearchSpace of(Map<String, ? extends Distribution> parameters) {
    Builder builder = builder();
    parameters.forEach(builder::add);
    return builder.build();
  }

  /** Starts declaring a space. */
  public static Builder builder() {
    return new Builder();
  }

  /** The parameters, in declaration order; unmodifiable. */
  public Map<String, Distribution> parameters() {
    return parameters;
  }

  /** The parameter names, in declaration order. */
  public Set<String> names() {
    return parameters.keySet();
  }

  /** The distribution of a parameter, or {@code null} if the space has no parameter of that name. */
  public Distribution get(String name) {
    return parameters.get(name);
  }

  /** Whether the space declares the parameter. */
  public boolean has(String name) {
    return parameters.containsKey(name);
  }

  /** The number of parameters. */
  public int size() {
    return parameters.size();
  }

  /** Whether the space declares no parameter. */
  public boolean isEmpty() {
    return parameters.isEmpty();
  }

  /** The parameters of this space that {@code other} declares with an equal distribution. */
  public SearchSpace intersect(SearchSpace other) {
    Map<String, Distribution> common = new LinkedHashMap<>();
    parameters.forEach((name, d) -> {
      if (d.equals(other.get(name))) {
        common.put(name, d);
      }
    });
    return new SearchSpace(common);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchSpace s && parameters.equals(s.parameters)
        && List.copyOf(parameters.keySet()).equals(List.copyOf(s.parameters.keySet()));
  }

  @Override
  public int hashCode() {
    return parameters.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("SearchSpace{");
    String sep = "";
    for (Map.Entry<String, Distribution> e : parameters.entrySet()) {
      out.append(sep).append(e.getKey()).append('=').append(e.getValue().describe());
      sep = ", ";
    }
    return out.append('}').toString();
  }

  /** Declares parameters one by one; each method validates at once and names what it rejects. */
  public static final class Builder {
    private final Map<String, Distribution> parameters = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a parameter with any distribution. */
    public Builder add(String name, Distribution distribution) {
      Objects.requireNonNull(distribution, "distribution");
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a parameter name must be non-blank, got '" + name + "'");
      }
      Distribution previous = parameters.putIfAbsent(name, distribution);
      if (previous != null) {
        throw new IllegalArgumentException(
            "parameter '" + name + "' is already declared as " + previous.describe());
      }
      return this;
    }

    /** A float uniform on {@code [low, high]}. */
    public Builder uniform(String name, double low, double high) {
      return add(name, named(name, () -> FloatDistribution.uniform(low, high)));
    }

    /** A float uniform in {@code log(x)} on {@code [low, high]}. */
    public Builder logUniform(String name, double low, double high) {
      return add(name, named(name, () -> FloatDistribution.logUniform(low, high)));
    }

    /** A float on the grid {@code low, low + step, ..., high}. */
    public Builder stepped(String name, double low, double high, double step) {
      return add(name, named(name, () -> FloatDistribution.stepped(low, high, step)));
    }

    /** Every integer in {@code [low, high]}. */
    public Builder intRange(String name, int low, int high) {
      return add(name, named(name, () -> IntDistribution.uniform(low, high)));
    }

    /** The integers {@code low, low + step, ..., high}. */
    public Builder intRange(String name, int low, int high, int step) {
      return add(name, named(name, () -> IntDistribution.stepped(low, high, step)));
    }

    /** Integers in {@code [low, high]} spread uniformly in {@code log(x)}. */
    public Builder logIntRange(String name, int low, int high) {
      return add(name, named(name, () -> IntDistribution.logUniform(low, high)));
    }

    /** One of the given choices. */
    public Builder choice(String name, Object... choices) {
      return add(name, named(name, () -> CategoricalDistribution.of(choices)));
    }

    /** {@code false} or {@code true}. */
    public Builder bool(String name) {
      return add(name, CategoricalDistribution.bool());
    }

    /** A parameter fixed at one value. */
    public Builder fixed(String name, Object value) {
      return add(name, CategoricalDistribution.fixed(value));
    }

    /** The declared space. */
    public SearchSpace build() {
      return new SearchSpace(parameters);
    }

    private static Distribution named(String name, java.util.function.Supplier<Distribution> make) {
      try {
        return make.get();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage(), e);
      }
    }
  }
}
