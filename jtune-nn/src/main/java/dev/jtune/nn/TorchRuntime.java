package dev.jtune.nn;

import ai.djl.engine.Engine;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door to DJL's PyTorch engine. {@link #engine()} starts it on first use with settings that
 * suit tuning on a shared CPU, each applied only when the user has not set it already (as a system
 * property, before the first call):
 *
 * <ul>
 *   <li>{@code ai.djl.offline=true}: DJL never downloads; libtorch is unpacked from the
 *       {@code pytorch-native-cpu} jar on the class path into DJL's cache ({@code ~/.djl.ai}).
 *   <li>{@code ai.djl.pytorch.num_threads=1} and {@code ai.djl.pytorch.num_interop_threads=1}: one
 *       intra-op thread. Trials run in parallel, and on a busy machine two intra-op threads were
 *       measured 5 to 45 times slower than one. Set the property to use more for a single big model.
 * </ul>
 *
 * <p>Resident memory: glibc keeps freed native buffers in per-thread arenas. Starting the JVM with
 * {@code MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=268435456
 * MALLOC_TOP_PAD_=268435456} (environment variables; they cannot be set from Java; the
 * {@code jtune} launcher sets them unless already set) cut system time fivefold on the CNN here,
 * and kept oneDNN's max-pool backward at 4-5 ms where it was 15 ms in some processes without
 * them. jtune keeps training data in native memory once per fit and creates
 * no per-batch buffers from Java arrays, so direct memory does not grow per epoch.
 *
 * <p>Thread-safe; the engine is started once per JVM.
 */
public final class TorchRuntime {

  /** The libtorch version the declared native jar carries. */
  public static final String PYTORCH_VERSION = "2.7.1";
  /** The DJL version jtune-nn is built against. */
  public static final String DJL_VERSION = "0.36.0";

  private static final Logger LOG = LoggerFactory.getLogger(TorchRuntime.class);
  private static volatile Engine engine;

  private TorchRuntime() {}

  /**
   * The started PyTorch engine. The first call also compiles jtune's TorchScript {@link Kernels}
   * (0.1-0.2 s, once per JVM), so that a libtorch that cannot run them fails here, once, rather
   * than in every trial, and the first trial costs what later ones do.
   *
   * @throws NativeLibraryException if libtorch cannot be found or loaded, or cannot compile the
   *     kernels; its message names the jars or the environment variable that fix it
   */
  public static Engine engine() {
    Engine e = engine;
    if (e == null) {
      synchronized (TorchRuntime.class) {
        e = engine;
        if (e == null) {
          e = start();
          engine = e;
          // after the assignment: compiling the kernels asks for the engine again
          try {
            Kernels.get();
          } catch (NativeLibraryException failure) {
            kernelFailure = failure;
            throw failure;
          }
        }
      }
    }
    NativeLibraryException failed = kernelFailure;
    if (failed != null) {
      // remembered: every later call fails alike, without compiling again
      throw new NativeLibraryException(failed.getMessage(), failed);
    }
    return e;
  }

  /** Why the kernels did not compile, once the engine's first start found out; else null. */
  private static volatile NativeLibraryException kernelFailure;

  private static Engine start() {
    setDefault("ai.djl.offline", "true");
    setDefault("ai.djl.default_engine", "PyTorch");
    setDefault("ai.djl.pytorch.num_threads", "1");
    setDefault("ai.djl.pytorch.num_interop_threads", "1");
    try {
      Engine e = Engine.getEngine("PyTorch");
      LOG.debug("PyTorch engine {} started (DJL {})", e.getVersion(), Engine.getDjlVersion());
      return e;
    } catch (RuntimeException | LinkageError failure) {
      throw new NativeLibraryException(explain(failure, System.getProperty("os.name"),
          System.getProperty("os.arch"), System.getenv()), failure);
    }
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /**
   * The message for a failed start: what was found, and what to change, read from the
   * environment DJL reads ({@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_VERSION},
   * {@code ENGINE_CACHE_DIR}, {@code DJL_CACHE_DIR}).
   */
  static String explain(Throwable failure, String os, String arch, Map<String, String> env) {
    String cause = rootMessage(failure);
    StringBuilder m = new StringBuilder("the PyTorch engine of DJL " + DJL_VERSION
        + " could not start: " + cause + (cause.endsWith(".") ? " " : ". "));
    String cacheVariable = env.get("ENGINE_CACHE_DIR") != null ? "ENGINE_CACHE_DIR"
        : env.get("DJL_CACHE_DIR") != null ? "DJL_CACHE_DIR" : null;
    String cache = cacheVariable != null ? env.get(cacheVariable) : "~/.djl.ai";
    String version = env.get("PYTORCH_VERSION");
    String platform = os.toLowerCase(Locale.ROOT).startsWith("linux") ? "linux" : os;
    if (rootOf(failure) instanceof java.nio.file.FileSystemException) {
      m.append("DJL unpacks libtorch into ").append(cache).append("/pytorch, which must be a "
          + "writable folder").append(cacheVariable == null ? "" : " (from " + cacheVariable + ")")
          .append(": point ").append(cacheVariable == null ? "DJL_CACHE_DIR" : cacheVariable)
          .append(" at one. ");
    } else if (version != null && !version.equals(PYTORCH_VERSION)) {
      m.append("PYTORCH_VERSION=").append(version).append(" is set, but jtune-nn ships libtorch ")
          .append(PYTORCH_VERSION).append(": unset it. ");
    } else if (!platform.equals("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      m.append("This machine is ").append(os).append('/').append(arch)
          .append(", but jtune-nn declares the linux-x86_64 CPU build: replace the dependency "
              + "ai.djl.pytorch:pytorch-native-cpu:" + PYTORCH_VERSION
              + ":linux-x86_64 with the classifier for this platform (osx-aarch64, win-x86_64). ");
    } else {
      m.append("Put ai.djl.pytorch:pytorch-native-cpu:" + PYTORCH_VERSION
          + " (classifier linux-x86_64) and ai.djl.pytorch:pytorch-jni:" + PYTORCH_VERSION + "-"
          + DJL_VERSION + " on the class path (a jar that shades dependencies must keep both). ");
    }
    String libraryPath = env.get("PYTORCH_LIBRARY_PATH");
    if (libraryPath != null) {
      m.append("PYTORCH_LIBRARY_PATH=").append(libraryPath)
          .append(" is set: it must hold libtorch ").append(PYTORCH_VERSION)
          .append(" (CPU), or be unset to use the jar. ");
    }
    m.append("ai.djl.offline=").append(System.getProperty("ai.djl.offline", "true"))
        .append(": DJL will not download a native library; a wrong or partial one in ")
        .append(cache).append("/pytorch can be deleted to make DJL unpack the jar again.");
    return m.toString();
  }

  private static Throwable rootOf(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = rootOf(t);
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
