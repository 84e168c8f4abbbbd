package dev.jtune.nn.schedule;

/**
 * How the learning rate moves during a fit, as a value. {@link #start(double, int)} begins a fit
 * with the optimizer's base rate {@code η₀} and the fit's total number of updates {@code T}; in the
 * formulas below, {@code s} is the update number from 0.
 */
public sealed interface LearningRateSchedule permits LearningRateSchedule.Constant,
    LearningRateSchedule.StepDecay, LearningRateSchedule.ExponentialDecay,
    LearningRateSchedule.CosineWarmup, LearningRateSchedule.OneCycle,
    LearningRateSchedule.ReduceOnPlateau {

  /** A tracker for one fit. */
  RateTracker start(double baseRate, int totalSteps);

  /** The constant schedule. */
  static LearningRateSchedule constant() {
    return new Constant();
  }

  /** {@code η = η₀}. */
  record Constant() implements LearningRateSchedule {
    @Override
    public RateTracker start(double baseRate, int totalSteps) {
      return s -> baseRate;
    }
  }

  /** {@code η = η₀ γ^⌊s / stepSize⌋} (PyTorch's {@code StepLR}, per update). */
  record StepDecay(int stepSize, double gamma) implements LearningRateSchedule {
    public StepDecay {
      if (stepSize < 1 || !(gamma > 0 && gamma <= 1)) {
        throw new IllegalArgumentException("stepSize=" + stepSize + " must be >= 1 and gamma="
            + gamma + " in (0, 1]");
      }
    }

    @Override
    public RateTracker start(double baseRate, int totalSteps) {
      return s -> baseRate * Math.pow(gamma, s / stepSize);
    }
  }

  /** {@code η = η₀ r^(s / decaySteps)} (Keras's {@code ExponentialDecay}, not staircase). */
  record ExponentialDecay(double rate, int decaySteps) implements LearningRateSchedule {
    public ExponentialDecay {
      if (!(rate > 0 && rate <= 1) || decaySteps < 1) {
        throw new IllegalArgumentException("rate=" + rate + " must be in (0, 1] and decaySteps="
            + decaySteps + " >= 1");
      }
    }

    @Override
    public RateTracker start(double baseRate, int totalSteps) {
      return s -> baseRate * Math.pow(rate, (double) s / decaySteps);
    }
  }

  /**
   * Linear warm-up over {@code W = warmupSteps} updates, then cosine annealing towards
   * {@code η_min = minFraction · η₀}, reached at update {@code T}, one past the last (updates are
   * numbered {@code 0 .. T−1}; the same convention as Hugging Face's
   * {@code get_cosine_schedule_with_warmup}, so the last update still learns):
   * {@code η = η₀ (s+1)/W} for {@code s < W}, else
   * {@code η_min + (η₀ − η_min)(1 + cos(π (s−W)/max(1, T−W)))/2}.
   */
  record CosineWarmup(int warmupSteps, double minFraction) implements LearningRateSchedule {
    public CosineWarmup {
      if (warmupSteps < 0 || !(minFraction >= 0 && minFraction < 1)) {
        throw new IllegalArgumentException("warmupSteps=" + warmupSteps + " must be >= 0 and "
            + "minFraction=" + minFraction + " in [0, 1)");
      }
    }

    @Override
    public RateTracker start(double baseRate, int totalSteps) {
      double min = minFraction * baseRate;
      int decay = Math.max(1, totalSteps - warmupSteps);
      return s -> {
        if (s < warmupSteps) {
          return baseRate * (s + 1) / warmupSteps;
        }
        double progress = Math.min(1.0, (double) (s - warmupSteps) / decay);
        return min + (baseRate - min) * (1 + Math.cos(Math.PI * progress)) / 2;
      };
    }
  }

  /**
   * Smith's one-cycle policy as PyTorch's {@code OneCycleLR} with cosine annealing, the base rate
   * being the peak: from {@code η₀/div} up to {@code η₀} over the first {@code pctStart} of the
   * updates, then down to {@code η₀/(div·finalDiv)} at the last. With
   * {@code a = pctStart·T − 1} and {@code b = T − 1}: for {@code s ≤ a},
   * {@code η = cos_anneal(η₀/div, η₀, s/a)}, else {@code cos_anneal(η₀, η₀/(div·finalDiv),
   * (s−a)/(b−a))}, where {@code cos_anneal(x, y, p) = y + (x − y)(1 + cos(πp))/2}. Only the rate
   * cycles: PyTorch by default also cycles momentum (or Adam's β₁) inversely, jtune keeps the
   * optimizer's own.
   */
  record OneCycle(double pctStart, double div, double finalDiv) implements LearningRateSchedule {
    public OneCycle {
      if (!(pctStart > 0 && pctStart < 1) || !(div >= 1) || !(finalDiv >= 1)) {
        throw new IllegalArgumentException("pctStart=" + pctStart + " must be in (0, 1), div="
            + div + " and finalDiv=" + finalDiv + " >= 1");
      }
    }

    /** PyTorch's defaults: 30% warm-up, div 25, final div 1e4. */
    public static OneCycle defaults() {
      return new OneCycle(0.3, 25, 1e4);
    }

    @Override
    public RateTracker start(double baseRate, int totalSteps) {
      double initial = baseRate / div;
      double last = initial / finalDiv;
      double up = pctStart * totalSteps - 1;
      double end = totalSteps - 1;
      return s -> {
        if (s <= up) {
          return anneal(initial, baseRate, up <= 0 ? 1 : s / up);
        }
        return anneal(baseRate, last, Math.min(1.0, (s - up) / Math.max(1e-12, end - up)));
      };
    }

    private static double anneal(double from, double to, double progress) {
      return to + (from - to) * (1 + Math.cos(Math.PI * progress)) / 2;
    }
  }

  /**
   * Keras's {@code ReduceLROnPlateau}: when the monitored validation metric has not improved by
   * more than {@code minDelta} for {@code patience} epochs, multiply the rate by {@code factor}
   * (not below {@code minRate}; a rate already at or below it is left alone, never raised) and wait
   * {@code patience} epochs again. A NaN value is no improvement. Between reductions the rate is
   * constant.
   */
  record ReduceOnPlateau(double factor, int patience, double minDelta, double minRate)
      implements LearningRateSchedule {
    public ReduceOnPlateau {
      if (!(factor > 0 && factor < 1) || patience < 1 || !(minDelta >= 0) || !(minRate >= 0)) {
        throw new IllegalArgumentException("need factor=" + factor + " in (0, 1), patience="
            + patience + " >= 1, minDelta=" + minDelta + " >= 0, minRate=" + minRate + " >= 0");
      }
    }

    @Override
    public RateTracker start(double baseRate, int totalSteps) {
      return new PlateauTracker(this, baseRate);
    }
  }
}
