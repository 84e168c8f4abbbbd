package dev.jtune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libtorch operations that DJL's API lacks or spreads over several native calls, each one call
 * here: a batch's rows ({@code index_select}), the three training losses as libtorch computes them
 * ({@code cross_entropy_loss}, {@code binary_cross_entropy_with_logits}, {@code mse_loss}) and
 * every optimizer's update of all parameters: libtorch's fused Adam and AdamW
 * ({@code _fused_adam_}, {@code _fused_adamw_}: one pass over each parameter's four tensors), the
 * others with in-place operations DJL lacks ({@code addcmul_}, {@code addcdiv_}); inverted
 * dropout with a mask drawn from uniform numbers; and 2x2 max-pooling with oneDNN's kernel.
 *
 * <p>Why: on the Fashion-MNIST MLP, DJL's Adam (twelve tensor operations and five temporaries per
 * parameter), its four-operation softmax cross-entropy and its generic advanced indexing took 0.9
 * ms of a 2.5 ms training step; the same work done here takes 0.4 ms (measured per part, one
 * thread; see docs/benchmarks.md).
 *
 * <p>How: the operations are TorchScript methods of one module whose source is the constant
 * {@link #SOURCE}, written in the serialized form that {@code torch.jit.save} produces and packed
 * into a TorchScript archive in memory; libtorch compiles it when the module is loaded, once per
 * JVM. Nothing is read from disk or downloaded. The losses run with autograd in the calling
 * thread's mode, so inside {@link Autograd#record()} they are recorded for the backward pass.
 *
 * <p>Thread-safe: TorchScript methods may run on several threads at once.
 */
public final class Kernels {

  /**
   * The module's source. Each update method changes every parameter that has a gradient, and its
   * state, in place by its rule (the rules of {@code dev.jtune.nn.optim.OptimizerSpec}), zeroes
   * that gradient (as DJL's own updates do) and returns how many it updated; a parameter without a
   * gradient (one no loss has reached yet) is left alone with its state, as PyTorch's optimizers
   * leave it. Gradients are zeroed, not removed: after its first gradient a parameter counts as
   * having a zero one ({@code zero_grad(set_to_none=False)} in PyTorch's terms). Zeroing a list of
   * gradients with {@code _foreach_zero_} and returning something else was seen to leave them
   * unzeroed (the write was dropped), so each method zeroes gradient by gradient and returns a
   * count read from the same list; {@code UpdaterTest}'s three-step checks fail otherwise.
   */
  static final String SOURCE = String.join("\n",
      "class JtuneKernels(Module):",
      "  __parameters__ = []",
      "  __buffers__ = []",
      "  training : bool",
      "  def forward(self: __torch__.JtuneKernels, x: Tensor) -> Tensor:",
      "    return x",
      "  def rows(self: __torch__.JtuneKernels, i: Tensor, x: Tensor, y: Tensor)"
          + " -> Tuple[Tensor, Tensor]:",
      "    return (torch.index_select(x, 0, i), torch.index_select(y, 0, i))",
      "  def cross_entropy(self: __torch__.JtuneKernels, x: Tensor, y: Tensor) -> Tensor:",
      "    return torch.cross_entropy_loss(x, y, None, 1, -100, 0.)",
      "  def binary_cross_entropy(self: __torch__.JtuneKernels, x: Tensor, y: Tensor) -> Tensor:",
      "    return torch.binary_cross_entropy_with_logits(x, y, None, None, 1)",
      "  def mean_squared_error(self: __torch__.JtuneKernels, x: Tensor, y: Tensor) -> Tensor:",
      "    return torch.mse_loss(x, y, 1)",
      "  def dropout(self: __torch__.JtuneKernels, x: Tensor, p: Tensor) -> Tensor:",
      "    keep = torch.ge(torch.rand_like(x), p)",
      "    return torch.mul(x, torch.div(keep, torch.rsub(p, 1.)))",
      "  def max_pool_2x2(self: __torch__.JtuneKernels, x: Tensor) -> Tensor:",
      "    if bool(torch.isnan(torch.sum(torch.detach(x)))):",
      "      _0 = torch.max_pool2d(x, [2, 2], [2, 2], [0, 0], [1, 1], False)",
      "    else:",
      "      y = torch.mkldnn_max_pool2d(torch.to_mkldnn(x), [2, 2], [2, 2], [0, 0], [1, 1], False)",
      "      _0 = torch.to_dense(y)",
      "    return _0",
      "  def max_pool_2x2_native(self: __torch__.JtuneKernels, x: Tensor) -> Tensor:",
      "    return torch.max_pool2d(x, [2, 2], [2, 2], [0, 0], [1, 1], False)",
      "  def sgd(self: __torch__.JtuneKernels, w: List[Tensor], lr: float) -> int:",
      "    n = 0",
      "    for i in range(torch.len(w)):",
      "      g = unchecked_cast(Tensor, ops.prim.grad(w[i]))",
      "      if ops.prim.AutogradAnyNonZero([g]):",
      "        _0 = torch.add_(w[i], g, alpha=torch.neg(lr))",
      "        _9 = torch.zero_(g)",
      "        n = torch.add(n, 1)",
      "    return n",
      "  def momentum(self: __torch__.JtuneKernels, w: List[Tensor], v: List[Tensor],"
          + " lr: float, mu: float) -> int:",
      "    n = 0",
      "    for i in range(torch.len(w)):",
      "      g = unchecked_cast(Tensor, ops.prim.grad(w[i]))",
      "      if ops.prim.AutogradAnyNonZero([g]):",
      "        _0 = torch.add_(torch.mul_(v[i], mu), g, alpha=lr)",
      "        _1 = torch.sub_(w[i], v[i])",
      "        _9 = torch.zero_(g)",
      "        n = torch.add(n, 1)",
      "    return n",
      "  def nesterov(self: __torch__.JtuneKernels, w: List[Tensor], v: List[Tensor],"
          + " lr: float, mu: float) -> int:",
      "    n = 0",
      "    for i in range(torch.len(w)):",
      "      g = unchecked_cast(Tensor, ops.prim.grad(w[i]))",
      "      if ops.prim.AutogradAnyNonZero([g]):",
      "        _0 = torch.add_(torch.mul_(v[i], mu), g)",
      "        _1 = torch.add_(w[i], g, alpha=torch.neg(lr))",
      "        _2 = torch.add_(w[i], v[i], alpha=torch.neg(torch.mul(lr, mu)))",
      "        _9 = torch.zero_(g)",
      "        n = torch.add(n, 1)",
      "    return n",
      "  def rmsprop(self: __torch__.JtuneKernels, w: List[Tensor], s: List[Tensor],"
          + " lr: float, rho: float, eps: float) -> int:",
      "    n = 0",
      "    for i in range(torch.len(w)):",
      "      g = unchecked_cast(Tensor, ops.prim.grad(w[i]))",
      "      if ops.prim.AutogradAnyNonZero([g]):",
      "        _0 = torch.addcmul_(torch.mul_(s[i], rho), g, g, value=torch.sub(1., rho))",
      "        _1 = torch.addcdiv_(w[i], g, torch.add_(torch.sqrt(s[i]), eps),"
          + " value=torch.neg(lr))",
      "        _9 = torch.zero_(g)",
      "        n = torch.add(n, 1)",
      "    return n",
      "  def adagrad(self: __torch__.JtuneKernels, w: List[Tensor], s: List[Tensor],"
          + " lr: float, eps: float) -> int:",
      "    n = 0",
      "    for i in range(torch.len(w)):",
      "      g = unchecked_cast(Tensor, ops.prim.grad(w[i]))",
      "      if ops.prim.AutogradAnyNonZero([g]):",
      "        _0 = torch.addcmul_(s[i], g, g, value=1.)",
      "        _1 = torch.addcdiv_(w[i], g, torch.add_(torch.sqrt(s[i]), eps),"
          + " value=torch.neg(lr))",
      "        _9 = torch.zero_(g)",
      "        n = torch.add(n, 1)",
      "    return n",
      "  def adam(self: __torch__.JtuneKernels, w: List[Tensor], m: List[Tensor],"
          + " v: List[Tensor], t: List[Tensor], decoupled: bool, lr: float, b1: float, b2: float,"
          + " eps: float, wd: float) -> int:",
      "    ws = annotate(List[Tensor], [])",
      "    gs = annotate(List[Tensor], [])",
      "    ms = annotate(List[Tensor], [])",
      "    vs = annotate(List[Tensor], [])",
      "    ts = annotate(List[Tensor], [])",
      "    for i in range(torch.len(w)):",
      "      g = unchecked_cast(Tensor, ops.prim.grad(w[i]))",
      "      if ops.prim.AutogradAnyNonZero([g]):",
      "        _0 = torch.append(ws, w[i])",
      "        _1 = torch.append(gs, g)",
      "        _2 = torch.append(ms, m[i])",
      "        _3 = torch.append(vs, v[i])",
      "        _4 = torch.append(ts, t[i])",
      "    if torch.gt(torch.len(ws), 0):",
      "      torch._foreach_add_(ts, 1.)",
      "      if decoupled:",
      "        torch._fused_adamw_(ws, gs, ms, vs, annotate(List[Tensor], []), ts, lr=lr,"
          + " beta1=b1, beta2=b2, weight_decay=wd, eps=eps, amsgrad=False, maximize=False)",
      "      else:",
      "        torch._fused_adam_(ws, gs, ms, vs, annotate(List[Tensor], []), ts, lr=lr,"
          + " beta1=b1, beta2=b2, weight_decay=wd, eps=eps, amsgrad=False, maximize=False)",
      "      for j in range(torch.len(gs)):",
      "        _5 = torch.zero_(gs[j])",
      "    return torch.len(gs)",
      "");

  private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
  private static volatile Kernels instance;

  private final PtSymbolBlock module;
  /** Arrays whose names tell DJL which method to run; never closed, read only. */
  private final NDArray rows;
  private final NDArray crossEntropy;
  private final NDArray binaryCrossEntropy;
  private final NDArray meanSquaredError;
  private final NDArray dropout;
  /** The max-pool method this libtorch runs: oneDNN's, or the native one where oneDNN is absent. */
  private final NDArray maxPool2x2;

  private Kernels() {
    PtNDManager manager = (PtNDManager) TorchRuntime.engine().newBaseManager();
    try {
      module = JniUtils.loadModule(manager, new ByteArrayInputStream(archive()), true, false);
    } catch (IOException e) {
      manager.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      manager.close();
      throw new NativeLibraryException("jtune's TorchScript kernels did not compile on libtorch "
          + TorchRuntime.engine().getVersion() + "; jtune-nn is built for libtorch "
          + TorchRuntime.PYTORCH_VERSION + " (ai.djl.pytorch:pytorch-native-cpu:"
          + TorchRuntime.PYTORCH_VERSION + "): " + e.getMessage(), e);
    }
    rows = method(manager, "rows");
    crossEntropy = method(manager, "cross_entropy");
    binaryCrossEntropy = method(manager, "binary_cross_entropy");
    meanSquaredError = method(manager, "mean_squared_error");
    dropout = method(manager, "dropout");
    maxPool2x2 = oneDnnWorks(manager) ? method(manager, "max_pool_2x2")
        : method(manager, "max_pool_2x2_native");
  }

  /**
   * Whether oneDNN's max-pool runs here, forward and backward (libtorch builds without oneDNN, on
   * some platforms, raise instead).
   */
  private boolean oneDnnWorks(NDManager manager) {
    NDArray probe = method(manager, "max_pool_2x2");
    try (NDManager scope = manager.newSubManager();
        Autograd tape = Autograd.record()) {
      NDArray x = scope.arange(16f).reshape(1, 1, 4, 4);
      x.setRequiresGradient(true);
      NDArray y = unoptimized(() -> IValueUtils.forward(module, new NDList(x, probe), true))
          .singletonOrThrow();
      tape.backward(y.sum(), scope.create(1f));
      return y.toFloatArray()[3] == 15f && x.getGradient().sum().getFloat() == 4f;
    } catch (RuntimeException e) {
      LOG.info("oneDNN max-pool unavailable on this libtorch ({}); using libtorch's native one",
          e.getMessage());
      return false;
    } finally {
      probe.close();
    }
  }

  /** The kernels, compiled once per JVM when the engine starts ({@link TorchRuntime#engine()}). */
  public static Kernels get() {
    Kernels k = instance;
    if (k == null) {
      // the engine before this class's lock: the engine's first start takes that lock itself
      TorchRuntime.engine();
      k = instance;
    }
    if (k == null) {
      synchronized (Kernels.class) {
        k = instance;
        if (k == null) {
          k = new Kernels();
          instance = k;
        }
      }
    }
    return k;
  }

  /** Whether the kernels have been compiled in this JVM (without compiling them). */
  static boolean compiled() {
    return instance != null;
  }

  private static NDArray method(NDManager manager, String name) {
    NDArray marker = manager.create(0f);
    NDScope.unregister(marker);   // a caller's scope must not close it
    marker.setName("module_method:" + name);
    return marker;
  }

  /**
   * Rows {@code index} of {@code x} and of {@code y} (along the first axis), as new tensors of
   * {@code index}'s manager.
   */
  public NDList rows(NDArray index, NDArray x, NDArray y) {
    return call(new NDList(index, x, y, rows));
  }

  /** The mean cross-entropy of raw scores {@code (n, k)} against int64 class indices {@code n}. */
  public NDArray crossEntropy(NDArray logits, NDArray classes) {
    return call(new NDList(logits, classes, crossEntropy)).singletonOrThrow();
  }

  /** The mean binary cross-entropy of raw scores against 0/1 targets of the same shape. */
  public NDArray binaryCrossEntropy(NDArray logits, NDArray targets) {
    return call(new NDList(logits, targets, binaryCrossEntropy)).singletonOrThrow();
  }

  /** The mean squared difference of two arrays of the same shape. */
  public NDArray meanSquaredError(NDArray outputs, NDArray targets) {
    return call(new NDList(outputs, targets, meanSquaredError)).singletonOrThrow();
  }

  /**
   * Inverted dropout: each element of {@code x} kept with probability {@code 1 − rate} and then
   * divided by it, or zeroed. The mask is {@code uniform[0, 1) ≥ rate} from libtorch's global
   * generator: the same distribution as {@code torch.dropout}'s Bernoulli draws at half their cost
   * on this CPU (0.37 against 0.79 ms for 128×512).
   *
   * @param rate a 0-dimensional float tensor in {@code [0, 1)}, of {@code x}'s device
   */
  public NDArray dropout(NDArray x, NDArray rate) {
    return call(new NDList(x, rate, dropout)).singletonOrThrow();
  }

  /**
   * Max-pooling of {@code (n, c, h, w)} over 2x2 windows with stride 2 (the last row or column of
   * an odd size is dropped, as in floor mode), with oneDNN's kernel when libtorch has it: on the
   * CNN's first pool, (128, 32, 26, 26), libtorch 2.7.1's native kernel took 17.7 ms forward and
   * 20 ms with backward here, oneDNN's 2.5-3.2 and 7-8, layout conversions included (with the
   * {@code MALLOC_*} settings {@link TorchRuntime} describes; without them the backward was as slow
   * as the native kernel's in some processes). oneDNN's kernel ignores NaN (a window {@code [1,
   * NaN, 5, 6]} gives 6), so an input with any NaN (its sum is NaN, a check of about a millisecond
   * here) goes to libtorch's native kernel, which propagates it. The values are
   * the native kernel's exactly; the gradient goes to the window's maximum (which of tied maxima
   * may differ).
   */
  public NDArray maxPool2x2(NDArray x) {
    return call(new NDList(x, maxPool2x2)).singletonOrThrow();
  }

  /** Which kernel {@link #maxPool2x2} runs: {@code "oneDNN"} or {@code "native"}. */
  public String maxPoolKernel() {
    return maxPool2x2.getName().endsWith("_native") ? "native" : "oneDNN";
  }

  /** Results belong to the first argument's manager; autograd as the calling thread has it. */
  private NDList call(NDList arguments) {
    return unoptimized(() -> IValueUtils.forward(module, arguments, true));
  }

  /**
   * The state of an optimizer for a fixed list of parameters: {@code slots} tensors per parameter
   * (0 for SGD; 1 for momentum, Nesterov, RMSprop and Adagrad; 2 for Adam: velocities, moments,
   * squared-gradient sums, zeros at first) and step counters, updated in place by the update
   * methods. The caller closes it.
   */
  public ParameterState state(List<NDArray> weights, int slots) {
    return state(weights, slots, null);
  }

  /**
   * An optimizer state that goes on from {@code saved} ({@link ParameterState#export()} of a state
   * for parameters of the same shapes and slots), or starts at zeros when it is {@code null}.
   *
   * @throws IllegalArgumentException if {@code saved} holds another number or size of tensors
   */
  public ParameterState state(List<NDArray> weights, int slots, List<float[]> saved) {
    if (slots < 0 || slots > 2) {
      throw new IllegalArgumentException("slots=" + slots + " must be 0, 1 or 2");
    }
    return new ParameterState(module, weights, slots, saved);
  }

  /**
   * Parameters, their optimizer state and libtorch's update rules over all of them in one call
   * each. Every update reads each parameter's gradient and zeroes it afterwards. Rules are those of
   * {@code dev.jtune.nn.optim.OptimizerSpec}; {@code lr} is the step's learning rate.
   */
  public static final class ParameterState implements AutoCloseable {

    private final PtSymbolBlock module;
    private final List<NDArray> owned;
    private final IValue weights;
    private final IValue first;
    private final IValue second;
    private final IValue steps;
    private final int slots;

    private ParameterState(PtSymbolBlock module, List<NDArray> parameters, int slots,
        List<float[]> saved) {
      this.module = module;
      this.slots = slots;
      PtNDArray[] w = parameters.stream().map(p -> (PtNDArray) p).toArray(PtNDArray[]::new);
      int perParameter = slots > 1 ? 3 : slots;
      if (saved != null && saved.size() != perParameter * w.length) {
        throw new IllegalArgumentException("a saved optimizer state of " + saved.size()
            + " tensors, this optimizer keeps " + perParameter * w.length + " (" + slots
            + " slots for " + w.length + " parameters)");
      }
      PtNDArray[] m = new PtNDArray[slots > 0 ? w.length : 0];
      PtNDArray[] v = new PtNDArray[slots > 1 ? w.length : 0];
      PtNDArray[] t = new PtNDArray[slots > 1 ? w.length : 0];
      List<NDArray> all = new ArrayList<>();
      for (int i = 0; i < w.length; i++) {
        if (slots > 1) {   // Adam's per-parameter step counts, as the fused kernel wants them
          t[i] = own(w[i], new ai.djl.ndarray.types.Shape(), saved, all);
        }
        if (slots > 0) {
          m[i] = own(w[i], w[i].getShape(), saved, all);
        }
        if (slots > 1) {
          v[i] = own(w[i], w[i].getShape(), saved, all);
        }
      }
      owned = List.copyOf(all);
      weights = IValue.listFrom(w);
      first = IValue.listFrom(m);
      second = IValue.listFrom(v);
      steps = IValue.listFrom(t);
    }

    /**
     * The next state tensor, of {@code shape} on {@code weight}'s manager: zeros, or the next of
     * {@code saved} (in {@link #export()}'s order), kept across steps.
     */
    private static PtNDArray own(PtNDArray weight, ai.djl.ndarray.types.Shape shape,
        List<float[]> saved, List<NDArray> all) {
      PtNDArray a;
      if (saved == null) {
        a = (PtNDArray) weight.getManager().zeros(shape);
      } else {
        float[] values = saved.get(all.size());
        if (values.length != shape.size()) {
          all.forEach(NDArray::close);
          throw new IllegalArgumentException("saved optimizer tensor " + all.size() + " holds "
              + values.length + " values, the parameter's state " + shape.size() + " " + shape);
        }
        a = (PtNDArray) weight.getManager().create(values, shape);
      }
      NDScope.unregister(a);   // kept across steps; a caller's step scope must not close it
      all.add(a);
      return a;
    }

    /**
     * The state's tensors as copies, per parameter: Adam's step count, then the first and second
     * slots (those the optimizer has): what {@link Kernels#state(List, int, List)} goes on from.
     */
    public List<float[]> export() {
      return owned.stream().map(NDArray::toFloatArray).toList();
    }

    /** {@code w ← w − η g}. */
    public void sgd(double lr) {
      run("sgd", List.of(weights), lr);
    }

    /** {@code v ← μ v + η g;  w ← w − v}. Needs 1 slot. */
    public void momentum(double lr, double mu) {
      needs(1, "momentum");
      run("momentum", List.of(weights, first), lr, mu);
    }

    /** {@code v ← μ v + g;  w ← w − η (g + μ v)}. Needs 1 slot. */
    public void nesterov(double lr, double mu) {
      needs(1, "nesterov");
      run("nesterov", List.of(weights, first), lr, mu);
    }

    /** {@code s ← ρ s + (1−ρ) g²;  w ← w − η g / (√s + ε)}. Needs 1 slot. */
    public void rmsprop(double lr, double rho, double eps) {
      needs(1, "rmsprop");
      run("rmsprop", List.of(weights, first), lr, rho, eps);
    }

    /** {@code s ← s + g²;  w ← w − η g / (√s + ε)}. Needs 1 slot. */
    public void adagrad(double lr, double eps) {
      needs(1, "adagrad");
      run("adagrad", List.of(weights, first), lr, eps);
    }

    /**
     * Adam, libtorch's fused kernel (needs 2 slots): with {@code t} the parameter's updates so far
     * including this one,
     * {@code m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; w ← w − η/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) +
     * ε)}; {@code decay} is added to the gradient as {@code decay·w} (L2) or, if
     * {@code decoupled}, applied first as {@code w ← w − η·decay·w}.
     */
    public void adam(double lr, double beta1, double beta2, double eps, double decay,
        boolean decoupled) {
      needs(2, "adam");
      IValue flag = IValue.from(decoupled);
      try {
        run("adam", List.of(weights, first, second, steps, flag), lr, beta1, beta2, eps, decay);
      } finally {
        flag.close();
      }
    }

    private void needs(int wanted, String rule) {
      if (slots < wanted) {
        throw new IllegalStateException(rule + " needs " + wanted + " state slots, this state has "
            + slots);
      }
    }

    /** Runs {@code method} on {@code fixed} (the caller's) followed by {@code scalars}. */
    private void run(String method, List<IValue> fixed, double... scalars) {
      IValue[] arguments = new IValue[fixed.size() + scalars.length];
      int made = fixed.size();
      for (int i = 0; i < fixed.size(); i++) {
        arguments[i] = fixed.get(i);
      }
      try {
        for (double x : scalars) {
          arguments[made] = IValue.from(x);
          made++;
        }
        unoptimized(() -> {
          IValueUtils.runMethod(module, method, arguments).close();   // a count; updated in place
          return null;
        });
      } finally {
        for (int i = fixed.size(); i < made; i++) {
          arguments[i].close();
        }
      }
    }

    @Override
    public void close() {
      for (IValue v : new IValue[] {weights, first, second, steps}) {
        v.close();
      }
      owned.forEach(NDArray::close);
    }
  }

  /**
   * Runs a kernel with libtorch's graph optimizer off on this thread (it is thread-local), then
   * turns it back to DJL's setting. The kernels are single operations or short loops with nothing
   * to optimize, and the profiling optimizer failed on them: after some calls it specialized the
   * gradient list of an update and then rejected its own graph ("We don't have an op for
   * aten::append"), seen when fits of different parameter lists followed each other. A thread
   * that turned the optimizer off itself finds it back at DJL's setting after a kernel call
   * (DJL has no call that reads the thread's setting).
   */
  private static <T> T unoptimized(java.util.function.Supplier<T> kernel) {
    JniUtils.setGraphExecutorOptimize(false);
    try {
      return kernel.get();
    } finally {
      JniUtils.setGraphExecutorOptimize(DJL_OPTIMIZES);
    }
  }

  /** DJL's setting of the graph optimizer, which its own TorchScript blocks apply. */
  private static final boolean DJL_OPTIMIZES =
      Boolean.parseBoolean(System.getProperty("ai.djl.pytorch.graph_optimizer", "true"));

  /** The module as the TorchScript archive that {@code torch.jit.load} reads. */
  private static byte[] archive() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      entry(zip, "jtune/version", "3\n".getBytes(StandardCharsets.US_ASCII));
      entry(zip, "jtune/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
      entry(zip, "jtune/data.pkl", pickledModule("JtuneKernels"));
      entry(zip, "jtune/code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Pickle protocol 2 of an instance of {@code __torch__.<cls>} whose state is
   * {@code {"training": True}}: GLOBAL, EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, BINUNICODE key, NEWTRUE,
   * SETITEM, BUILD, STOP.
   */
  private static byte[] pickledModule(String cls) {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(0x80);
    p.write(2);
    p.writeBytes(("c__torch__\n" + cls + "\n").getBytes(StandardCharsets.US_ASCII));
    p.writeBytes(new byte[] {')', (byte) 0x81, '}', 'X', 8, 0, 0, 0});
    p.writeBytes("training".getBytes(StandardCharsets.US_ASCII));
    p.writeBytes(new byte[] {(byte) 0x88, 's', 'b', '.'});
    return p.toByteArray();
  }

  private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(content);
    zip.closeEntry();
  }
}
