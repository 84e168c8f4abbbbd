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
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * libtorch operations that DJL's API lacks or spreads over several native calls, each one call
 * here: a batch's rows ({@code index_select}), the three training losses as libtorch computes them
 * ({@code cross_entropy_loss}, {@code binary_cross_entropy_with_logits}, {@code mse_loss}) and
 * libtorch's fused Adam and AdamW updates ({@code _fused_adam_}, {@code _fused_adamw_}: one pass
 * over each parameter's four tensors).
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
   * The module's source. {@code adam} reads each parameter's gradient (a parameter without one
   * counts as a zero gradient), advances the step counters, applies the fused update and zeroes the
   * gradients, as DJL's own updates do.
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
      "  def adam(self: __torch__.JtuneKernels, w: List[Tensor], m: List[Tensor],"
          + " v: List[Tensor], t: List[Tensor], lr: float, b1: float, b2: float, eps: float,"
          + " wd: float, decoupled: bool) -> int:",
      "    g = annotate(List[Tensor], [])",
      "    for i in range(torch.len(w)):",
      "      gi = unchecked_cast(Tensor, ops.prim.grad(w[i]))",
      "      if ops.prim.AutogradAnyNonZero([gi]):",
      "        _0 = torch.append(g, gi)",
      "      else:",
      "        _1 = torch.append(g, torch.zeros_like(w[i]))",
      "    torch._foreach_add_(t, 1.)",
      "    if decoupled:",
      "      torch._fused_adamw_(w, g, m, v, annotate(List[Tensor], []), t, lr=lr, beta1=b1,"
          + " beta2=b2, weight_decay=wd, eps=eps, amsgrad=False, maximize=False)",
      "    else:",
      "      torch._fused_adam_(w, g, m, v, annotate(List[Tensor], []), t, lr=lr, beta1=b1,"
          + " beta2=b2, weight_decay=wd, eps=eps, amsgrad=False, maximize=False)",
      "    torch._foreach_zero_(g)",
      "    return torch.len(g)",
      "");

  private static volatile Kernels instance;

  private final PtSymbolBlock module;
  /** Arrays whose names tell DJL which method to run; never closed, read only. */
  private final NDArray rows;
  private final NDArray crossEntropy;
  private final NDArray binaryCrossEntropy;
  private final NDArray meanSquaredError;

  private Kernels() {
    PtNDManager manager = (PtNDManager) TorchRuntime.engine().newBaseManager();
    try {
      module = JniUtils.loadModule(manager, new ByteArrayInputStream(archive()), true, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows = method(manager, "rows");
    crossEntropy = method(manager, "cross_entropy");
    binaryCrossEntropy = method(manager, "binary_cross_entropy");
    meanSquaredError = method(manager, "mean_squared_error");
  }

  /** The kernels, compiled on first use. */
  public static Kernels get() {
    Kernels k = instance;
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

  /** The mean cross-entropy of raw scores {@code (n, k)} against int64 class indices {@code (n)}. */
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

  /** Results belong to the first argument's manager; autograd as the calling thread has it. */
  private NDList call(NDList arguments) {
    return IValueUtils.forward(module, arguments, true);
  }

  /**
   * Adam state for a fixed list of parameters: first and second moments and step counters, updated
   * in place by {@link AdamState#step}. The caller closes it.
   */
  public AdamState adam(List<NDArray> weights) {
    return new AdamState(module, weights);
  }

  /** Moments and step counts of Adam for some parameters, and the fused update of them. */
  public static final class AdamState implements AutoCloseable {

    private final PtSymbolBlock module;
    private final List<NDArray> owned;
    private final IValue weights;
    private final IValue first;
    private final IValue second;
    private final IValue steps;

    private AdamState(PtSymbolBlock module, List<NDArray> parameters) {
      this.module = module;
      PtNDArray[] w = parameters.stream().map(p -> (PtNDArray) p).toArray(PtNDArray[]::new);
      PtNDArray[] m = new PtNDArray[w.length];
      PtNDArray[] v = new PtNDArray[w.length];
      PtNDArray[] t = new PtNDArray[w.length];
      for (int i = 0; i < w.length; i++) {
        m[i] = (PtNDArray) w[i].zerosLike();
        v[i] = (PtNDArray) w[i].zerosLike();
        t[i] = (PtNDArray) w[i].getManager().create(0f);
      }
      java.util.ArrayList<NDArray> all = new java.util.ArrayList<>();
      for (PtNDArray[] a : List.of(m, v, t)) {
        for (PtNDArray x : a) {
          NDScope.unregister(x);
          all.add(x);
        }
      }
      owned = List.copyOf(all);
      weights = IValue.listFrom(w);
      first = IValue.listFrom(m);
      second = IValue.listFrom(v);
      steps = IValue.listFrom(t);
    }

    /**
     * One update of every parameter from its gradient, which is then zeroed: with {@code t} the
     * updates so far including this one, {@code m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²;
     * w ← w − η/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε)}; {@code decay} is added to the gradient as
     * {@code decay·w} (L2) or, if {@code decoupled}, applied first as {@code w ← w − η·decay·w}.
     */
    public void step(double lr, double beta1, double beta2, double eps, double decay,
        boolean decoupled) {
      IValue[] scalars = {IValue.from(lr), IValue.from(beta1), IValue.from(beta2),
          IValue.from(eps), IValue.from(decay), IValue.from(decoupled)};
      try (IValue ignored = IValueUtils.runMethod(module, "adam", weights, first, second, steps,
          scalars[0], scalars[1], scalars[2], scalars[3], scalars[4], scalars[5])) {
        // the result is a count; the update happened in place
      } finally {
        for (IValue s : scalars) {
          s.close();
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
