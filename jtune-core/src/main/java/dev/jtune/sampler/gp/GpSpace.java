package dev.jtune.sampler.gp;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.space.UnitScale;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The GP's coordinates for a joint search space: one per parameter. A numerical parameter takes its
 * {@link UnitScale} position in {@code [0, 1]} (log scale in log space; an integer or stepped value
 * the centre of its cell, so that every grid value has one coordinate); a categorical takes its
 * choice's index, which the kernel only compares for equality. A parameter a trial does not have
 * (a conditional one) is encoded as {@value #INACTIVE_NUMERIC} (numerical) or {@code -1} (a
 * categorical "missing" level). Immutable.
 */
final class GpSpace {
  /**
   * The coordinate of an absent numerical parameter: the centre, which biases no kernel distance
   * (the quadratic prior mean counts it as centred, see {@link GpConfig.PriorMean#QUADRATIC}).
   */
  static final double INACTIVE_NUMERIC = 0.5;

  enum Kind { CONTINUOUS, DISCRETE, CATEGORICAL }

  private final List<String> names;
  private final Distribution[] distributions;
  private final Kind[] kinds;
  private final long[] sizes;
  /** Per coordinate: the coordinate it depends on, or -1. */
  private final int[] parent;
  /** Per conditional coordinate: its parent's coordinates for which it is present. */
  private final Set<Double>[] parentCoordinates;

  GpSpace(SearchSpace space) {
    this(space, new Conditions(Map.of(), Map.of()));
  }

  @SuppressWarnings("unchecked")
  GpSpace(SearchSpace space, Conditions conditions) {
    this.names = List.copyOf(space.names());
    int d = names.size();
    this.distributions = new Distribution[d];
    this.kinds = new Kind[d];
    this.sizes = new long[d];
    for (int k = 0; k < d; k++) {
      Distribution dist = space.get(names.get(k));
      distributions[k] = dist;
      if (dist instanceof CategoricalDistribution c) {
        kinds[k] = Kind.CATEGORICAL;
        sizes[k] = c.size();
      } else if (dist instanceof IntDistribution i) {
        kinds[k] = Kind.DISCRETE;
        sizes[k] = i.gridSize();
      } else {
        FloatDistribution f = (FloatDistribution) dist;
        kinds[k] = f.hasStep() ? Kind.DISCRETE : Kind.CONTINUOUS;
        sizes[k] = f.hasStep() ? f.gridSize() : 0;
      }
    }
    this.parent = new int[d];
    this.parentCoordinates = new Set[d];
    for (int k = 0; k < d; k++) {
      String q = conditions.parents().get(names.get(k));
      parent[k] = q == null ? -1 : names.indexOf(q);
      if (parent[k] >= 0) {
        int j = parent[k];
        Set<Double> coordinates = new HashSet<>();
        for (double v : conditions.activeValues().get(names.get(k))) {
          coordinates.add(kinds[j] == Kind.CATEGORICAL ? v : UnitScale.toUnit(distributions[j], v));
        }
        parentCoordinates[k] = coordinates;
      }
    }
  }

  /**
   * Marks absent, in place, every conditional coordinate whose parent's value says it is; returns
   * whether any was.
   */
  boolean canonicalize(double[] x, int offset) {
    boolean changed = false;
    for (int k = 0; k < parent.length; k++) {
      if (parent[k] >= 0 && !parentCoordinates[k].contains(x[offset + parent[k]])) {
        double absent = kinds[k] == Kind.CATEGORICAL ? -1 : INACTIVE_NUMERIC;
        changed |= x[offset + k] != absent;
        x[offset + k] = absent;
      }
    }
    return changed;
  }

  /** Whether coordinate {@code k} is absent in {@code x} by its condition. */
  boolean absent(double[] x, int k) {
    return parent[k] >= 0 && !parentCoordinates[k].contains(x[parent[k]]);
  }

  List<String> names() {
    return names;
  }

  int dimensions() {
    return names.size();
  }

  Kind kind(int k) {
    return kinds[k];
  }

  /** The number of values of a discrete or categorical coordinate. */
  long size(int k) {
    return sizes[k];
  }

  boolean[] categorical() {
    boolean[] out = new boolean[kinds.length];
    for (int k = 0; k < kinds.length; k++) {
      out[k] = kinds[k] == Kind.CATEGORICAL;
    }
    return out;
  }

  /**
   * The coordinates of a trial's parameters, written at {@code row} of {@code out}. A parameter
   * absent, or present with another distribution, is encoded as inactive.
   */
  void encode(Map<String, Double> params, Map<String, Distribution> dists, double[] out, int row) {
    int d = names.size();
    for (int k = 0; k < d; k++) {
      String name = names.get(k);
      Double v = params.get(name);
      boolean active = v != null && (dists == null || distributions[k].equals(dists.get(name)))
          && distributions[k].contains(v);
      double coordinate;
      if (kinds[k] == Kind.CATEGORICAL) {
        coordinate = active ? v : -1;
      } else {
        coordinate = active ? UnitScale.toUnit(distributions[k], v) : INACTIVE_NUMERIC;
      }
      out[row * d + k] = coordinate;
    }
  }

  /** Maps a point of {@code [0, 1)^d} (a Sobol' point) to a valid coordinate vector, in place. */
  void fromCube(double[] u) {
    for (int k = 0; k < u.length; k++) {
      if (kinds[k] == Kind.CATEGORICAL) {
        u[k] = Math.min(Math.floor(u[k] * sizes[k]), sizes[k] - 1);
      } else {
        u[k] = round(k, u[k]);
      }
    }
  }

  /** A numerical coordinate moved into {@code [0, 1]} and, if discrete, onto its cell's centre. */
  double round(int k, double u) {
    double clamped = Math.min(Math.max(u, 0), 1);
    if (kinds[k] == Kind.DISCRETE) {
      return UnitScale.toUnit(distributions[k], UnitScale.fromUnit(distributions[k], clamped));
    }
    return clamped;
  }

  /** The index, in its grid, of a discrete coordinate's value. */
  long index(int k, double u) {
    return indexOfInternal(k, UnitScale.fromUnit(distributions[k], u));
  }

  /** The coordinate of grid value {@code index} of a discrete dimension. */
  double unitOfIndex(int k, long index) {
    return UnitScale.toUnit(distributions[k], internalOfIndex(k, index));
  }

  private long indexOfInternal(int k, double internal) {
    if (distributions[k] instanceof IntDistribution i) {
      return Math.round((internal - i.low()) / i.step());
    }
    FloatDistribution f = (FloatDistribution) distributions[k];
    return Math.round((internal - f.low()) / f.step());
  }

  private double internalOfIndex(int k, long index) {
    if (distributions[k] instanceof IntDistribution i) {
      return i.low() + (double) index * i.step();
    }
    return ((FloatDistribution) distributions[k]).gridPoint(index);
  }

  /** Internal parameter values of a coordinate vector; each is contained in its distribution. */
  Map<String, Double> decode(double[] x) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int k = 0; k < names.size(); k++) {
      double v;
      if (kinds[k] == Kind.CATEGORICAL) {
        v = Math.min(Math.max(Math.rint(x[k]), 0), sizes[k] - 1);
      } else {
        v = UnitScale.fromUnit(distributions[k], x[k]);
      }
      out.put(names.get(k), v);
    }
    return out;
  }

  /** The indices of the coordinates of one kind. */
  int[] indices(Kind kind) {
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k < kinds.length; k++) {
      if (kinds[k] == kind) {
        out.add(k);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
