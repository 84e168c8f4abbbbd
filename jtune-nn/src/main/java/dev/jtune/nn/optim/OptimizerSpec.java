package dev.jtune.nn.optim;

/**
 * An optimizer and its settings, as a value. In the update rules of the records, {@code w} is a
 * parameter, {@code g} its gradient (the mean over the batch), {@code η} the learning rate of the
 * current step (the schedule's value, {@link #learningRate()} when constant) and {@code t} the
 * number of the update, from 1. Every rule acts on each parameter separately.
 */
public sealed interface OptimizerSpec permits OptimizerSpec.GradientDescent, OptimizerSpec.Sgd,
    OptimizerSpec.Momentum, OptimizerSpec.Nesterov, OptimizerSpec.Adam, OptimizerSpec.AdamW,
    OptimizerSpec.RmsProp, OptimizerSpec.Adagrad {

  /** The base learning rate, before any schedule. */
  double learningRate();

  /** The name this optimizer has as a categorical hyperparameter ({@code "adam"}, ...). */
  String kind();

  /** Whether every step sees the whole training set (the batch size is then ignored). */
  default boolean fullBatch() {
    return false;
  }

  /**
   * Tensors of state the rule keeps per parameter: 0 for plain gradient steps, 2 for Adam and
   * AdamW (first and second moments), 1 for the others (velocity, or the running square).
   */
  default int stateSlots() {
    return this instanceof GradientDescent || this instanceof Sgd ? 0
        : this instanceof Adam || this instanceof AdamW ? 2 : 1;
  }

  private static double positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + "=" + v + " must be a positive finite number");
    }
    return v;
  }

  private static double fraction(String name, double v) {
    if (!(v >= 0 && v < 1)) {
      throw new IllegalArgumentException(name + "=" + v + " must be in [0, 1)");
    }
    return v;
  }

  /**
   * Full-batch gradient descent: each step uses the gradient over the whole training set, so an
   * epoch is one step. {@code w ← w − η g}.
   */
  record GradientDescent(double learningRate) implements OptimizerSpec {
    public GradientDescent {
      positive("learningRate", learningRate);
    }

    @Override
    public String kind() {
      return "gd";
    }

    @Override
    public boolean fullBatch() {
      return true;
    }
  }

  /** Mini-batch stochastic gradient descent: {@code w ← w − η g}. */
  record Sgd(double learningRate) implements OptimizerSpec {
    public Sgd {
      positive("learningRate", learningRate);
    }

    @Override
    public String kind() {
      return "sgd";
    }
  }

  /**
   * SGD with (heavy-ball) momentum {@code μ}, the velocity {@code v} starting at 0:
   * {@code v ← μ v + η g;  w ← w − v}. (With a constant {@code η} this is PyTorch's
   * {@code SGD(momentum=μ)}; the rate is folded into the velocity, as in Keras and MXNet.)
   */
  record Momentum(double learningRate, double momentum) implements OptimizerSpec {
    public Momentum {
      positive("learningRate", learningRate);
      fraction("momentum", momentum);
    }

    @Override
    public String kind() {
      return "momentum";
    }
  }

  /**
   * Nesterov accelerated gradient in Sutskever's form (PyTorch's {@code nesterov=True}):
   * {@code v ← μ v + g;  w ← w − η (g + μ v)}.
   */
  record Nesterov(double learningRate, double momentum) implements OptimizerSpec {
    public Nesterov {
      positive("learningRate", learningRate);
      fraction("momentum", momentum);
    }

    @Override
    public String kind() {
      return "nesterov";
    }
  }

  /**
   * Adam (Kingma and Ba 2015) in the form of Keras and of the paper's section 2 last paragraph:
   * {@code m ← β1 m + (1−β1) g;  v ← β2 v + (1−β2) g²;
   * w ← w − η √(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε)}, with {@code m, v} starting at 0.
   */
  record Adam(double learningRate, double beta1, double beta2, double epsilon)
      implements OptimizerSpec {
    public Adam {
      positive("learningRate", learningRate);
      fraction("beta1", beta1);
      fraction("beta2", beta2);
      positive("epsilon", epsilon);
    }

    /** Keras's defaults: β1 0.9, β2 0.999, ε 1e-7. */
    public static Adam of(double learningRate) {
      return new Adam(learningRate, 0.9, 0.999, 1e-7);
    }

    @Override
    public String kind() {
      return "adam";
    }
  }

  /**
   * AdamW (Loshchilov and Hutter 2019): decoupled weight decay {@code λ}, then Adam:
   * {@code w ← w − η λ w}, then Adam's update of {@link Adam} with the same {@code η}.
   */
  record AdamW(double learningRate, double beta1, double beta2, double epsilon,
      double weightDecay) implements OptimizerSpec {
    public AdamW {
      positive("learningRate", learningRate);
      fraction("beta1", beta1);
      fraction("beta2", beta2);
      positive("epsilon", epsilon);
      if (!(weightDecay >= 0)) {
        throw new IllegalArgumentException("weightDecay=" + weightDecay + " must be >= 0");
      }
    }

    /** β1 0.9, β2 0.999, ε 1e-7 and the given decay. */
    public static AdamW of(double learningRate, double weightDecay) {
      return new AdamW(learningRate, 0.9, 0.999, 1e-7, weightDecay);
    }

    @Override
    public String kind() {
      return "adamw";
    }
  }

  /**
   * RMSprop (Hinton's lecture 6e) without momentum or centring, the mean square {@code s} starting
   * at 0: {@code s ← ρ s + (1−ρ) g²;  w ← w − η g / (√s + ε)}. This is PyTorch's form, ε outside
   * the root; Keras puts it inside ({@code g / √(s + ε)}), which damps small gradients far more
   * (with ε = 1e-7 and {@code g = 1e-4}, ρ = 0.9, the first step is 0.3 η in Keras and 3 η here).
   */
  record RmsProp(double learningRate, double rho, double epsilon) implements OptimizerSpec {
    public RmsProp {
      positive("learningRate", learningRate);
      fraction("rho", rho);
      positive("epsilon", epsilon);
    }

    /** Keras's defaults: ρ 0.9, ε 1e-7. */
    public static RmsProp of(double learningRate) {
      return new RmsProp(learningRate, 0.9, 1e-7);
    }

    @Override
    public String kind() {
      return "rmsprop";
    }
  }

  /**
   * Adagrad (Duchi, Hazan and Singer 2011), the sum of squares {@code s} starting at 0:
   * {@code s ← s + g²;  w ← w − η g / (√s + ε)}.
   */
  record Adagrad(double learningRate, double epsilon) implements OptimizerSpec {
    public Adagrad {
      positive("learningRate", learningRate);
      positive("epsilon", epsilon);
    }

    @Override
    public String kind() {
      return "adagrad";
    }
  }
}
