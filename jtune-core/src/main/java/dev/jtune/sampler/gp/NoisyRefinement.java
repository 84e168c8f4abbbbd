package dev.jtune.sampler.gp;

import dev.jtune.internal.TrialSeeds;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The late trials of a study whose observations the model finds noisy: four of every five trials
 * sharpen the estimate of where the optimum is and spend evaluations there, instead of following
 * the acquisition function ({@link GpConfig#refineNoisy()}).
 *
 * <p>Why: with noise, the study's best trial is the one with the best <em>observed</em> value, so
 * it is only as good as the trials placed very close to the optimum. Expected improvement keeps
 * placing points around the optimum where the posterior is still uncertain, not at it; on
 * Hartmann6 with noise of standard deviation 0.1, 2.5 of 100 trials had a noiseless regret
 * below 0.0316 (mean of 90 runs), and the GP's own estimate of the optimum (the maximizer of its
 * posterior mean) was off by 0.02 to 0.05. Placing points for the estimate's sake (probes, on a
 * contour of the posterior mean around its maximizer, where the slope tells most about the
 * centre) and at the estimate itself is classical response-surface practice (Box and Wilson 1951)
 * and what a simulation with the true curvature showed to localize the optimum best
 * (docs/benchmarks.md, "Noisy refinement"). The first two probes of a cycle are a mirrored
 * pair, {@code c + z} and {@code c - z}: the difference of a pair measures the slope along
 * {@code z} whatever the curvature, so errors in the model's curvature, which the simulation
 * showed to cost most of the gain, cancel to first order (central differences rather than
 * one-sided ones).
 *
 * <p>The rule, for the trial numbered {@code t} once at least {@value #AFTER_TRIALS} trials have
 * completed and the fitted noise variance is at least {@value #NOISE_RATIO} of the kernel's
 * signal variance (a deterministic objective fits a noise 4 to 6 decades below that):
 * <ul>
 *   <li>{@code t % 5 == 0}: the acquisition function, as before (exploration goes on, so a
 *       better basin can still be found);
 *   <li>{@code t % 5} in 1..3: a probe, {@code c + z} with {@code c} the maximizer of the
 *       posterior mean and {@code z} a random direction scaled so that the mean's quadratic model,
 *       {@code z' A z / 2} with {@code A} minus its Hessian over the continuous parameters, drops
 *       by {@value #PROBE_DROP} noise standard deviations. Trials {@code 5j + 1} and
 *       {@code 5j + 2} draw the same direction from the seed and {@code j}, and the second goes
 *       the other way ({@code c - z}, with {@code c} and {@code A} as the model has them by
 *       then); trial {@code 5j + 3} draws its own;
 *   <li>{@code t % 5 == 4}: {@code c} itself.
 * </ul>
 * The mix was chosen on noisy Hartmann6 seeds 10-89 among one acquisition trial per 3 to 7
 * (docs/benchmarks.md, "Noisy refinement"): more probes localized the optimum better, while
 * dropping the acquisition trials altogether found the global basin less often.
 * Discrete and categorical parameters keep {@code c}'s values, and so do continuous ones absent
 * at {@code c} by their condition. Where the mean's Hessian at {@code c} is not negative definite
 * (a flat or saddle-shaped model) a probe trial uses the acquisition function instead (the
 * Hessian includes the prior mean's, so a quadratic prior mean with {@code b < 0} adds {@code 2b}
 * to its diagonal and makes a flat model look curved); at a
 * maximizer on a bound the Hessian ignores the slope there and probes beyond the bound are
 * clipped to it. The model it reads is fitted to the completed trials only (running trials'
 * fantasies left out: a constant liar's lies would bend the mean), so the choice depends only on
 * the trial number, the completed trials and the seed, and is reproducible under the
 * reproducible parallel history; parallel workers' mean trials may coincide, which for a noisy
 * objective is a replicate, not a waste.
 */
final class NoisyRefinement {

  /** Completed trials before refinement can start: the posterior mean needs the basin first. */
  static final int AFTER_TRIALS = 30;

  /** Noise variance over the kernel's scale from which the observations count as noisy. */
  static final double NOISE_RATIO = 0.01;

  /** How far a probe's predicted value lies below the maximum, in noise standard deviations. */
  static final double PROBE_DROP = 6;

  /** Central-difference step for the Hessian of the posterior mean, in unit-cube coordinates. */
  private static final double STEP = 1e-3;

  /** What a trial is for. */
  enum Role {
    /** Follow the acquisition function. */
    ACQUISITION,
    /** A point on a contour of the mean around its maximizer. */
    PROBE,
    /** The maximizer of the posterior mean. */
    MEAN
  }

  private NoisyRefinement() {}

  /** The role of trial {@code number} in a study that refinement applies to. */
  static Role role(int number) {
    return switch (Math.floorMod(number, 5)) {
      case 0 -> Role.ACQUISITION;
      case 4 -> Role.MEAN;
      default -> Role.PROBE;
    };
  }

  /** Whether a model fitted to {@code completed} trials counts as noisy enough to refine. */
  static boolean applies(GaussianProcess gp, int completed) {
    return completed >= AFTER_TRIALS && gp.noise() >= NOISE_RATIO * gp.kernel().scale();
  }

  /**
   * The refinement's proposal for trial {@code number} in the unit-cube coordinates of
   * {@code space}, or {@code null} when the acquisition function should choose (refinement does
   * not apply, the trial's role is {@link Role#ACQUISITION}, the space has no continuous
   * parameter present at the maximizer, or the mean is not curved downwards there). Draws from
   * {@code rng} only when refinement applies to the trial (a probe that falls back has drawn); the
   * direction of a paired probe comes from {@code seed} and its cycle. Pass the model without
   * running trials' fantasies: a constant liar's lies would bend the mean.
   */
  static double[] propose(GaussianProcess gp, GpSpace space, int number, int completed,
      int candidates, int localSearches, double[] warmStart, long seed, SplittableRandom rng) {
    Role role = role(number);
    int[] numeric = space.indices(GpSpace.Kind.CONTINUOUS);
    if (role == Role.ACQUISITION || numeric.length == 0 || !applies(gp, completed)) {
      return null;
    }
    AcquisitionOptimizer.Optimum top = new AcquisitionOptimizer(gp,
        new AcquisitionFunction.UpperConfidenceBound(0), space)
        .maximize(candidates, localSearches, List.of(warmStart), rng);
    double[] centre = top.x().clone();
    space.canonicalize(centre, 0); // the point the mean was scored at
    if (role == Role.MEAN) {
      return centre;
    }
    int[] continuous = java.util.Arrays.stream(numeric)
        .filter(k -> !space.absent(centre, k)).toArray();
    if (continuous.length == 0) {
      return null;
    }
    double[] curvature = curvature(gp, centre, continuous);
    if (Cholesky.factor(curvature, continuous.length) == null) {
      return null;
    }
    double drop = PROBE_DROP * Math.sqrt(gp.noise());
    int slot = Math.floorMod(number, 5);
    return slot == 3 ? probe(centre, continuous, curvature, drop, rng, false)
        : probe(centre, continuous, curvature, drop,
            TrialSeeds.random(seed, Math.floorDiv(number, 5), "gp-probe-pair"), slot == 2);
  }

  /**
   * Minus the Hessian of the posterior mean at {@code at} over the coordinates {@code dims}, by
   * central differences; row-major {@code dims.length x dims.length}. Positive definite at a
   * strict maximum.
   */
  static double[] curvature(GaussianProcess gp, double[] at, int[] dims) {
    int m = dims.length;
    double[] a = new double[m * m];
    double[] p = at.clone();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = 0;
        for (int si = -1; si <= 1; si += 2) {
          for (int sj = -1; sj <= 1; sj += 2) {
            System.arraycopy(at, 0, p, 0, at.length);
            p[dims[i]] += si * STEP;
            p[dims[j]] += sj * STEP;
            sum += si * sj * gp.predict(p).mean();
          }
        }
        a[i * m + j] = -sum / (4 * STEP * STEP);
        a[j * m + i] = a[i * m + j];
      }
    }
    return a;
  }

  /**
   * {@code centre} moved along the coordinates {@code dims} by a random direction {@code z} with
   * {@code z' A z / 2 == drop} ({@code A = curvature}, positive definite), then clipped to the
   * unit interval; by {@code -z} when {@code mirrored}. The direction takes {@code dims.length}
   * Gaussian draws from {@code rng}, so two generators in the same state give the two sides of a
   * pair.
   */
  static double[] probe(double[] centre, int[] dims, double[] curvature, double drop,
      SplittableRandom rng, boolean mirrored) {
    int m = dims.length;
    double[] u = new double[m];
    for (int k = 0; k < m; k++) {
      u[k] = rng.nextGaussian();
    }
    double q = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        q += u[i] * curvature[i * m + j] * u[j];
      }
    }
    double scale = (mirrored ? -1 : 1) * Math.sqrt(2 * drop / q);
    double[] x = centre.clone();
    for (int k = 0; k < m; k++) {
      x[dims[k]] = Math.min(1, Math.max(0, centre[dims[k]] + scale * u[k]));
    }
    return x;
  }
}
