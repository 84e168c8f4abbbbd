package dev.jtune.nn;

/**
 * Started by {@link NativeLibraryMissingTest} in a fresh JVM: prints what the engine's first start
 * says, and whether jtune's kernels were compiled with it.
 */
public final class NativeLibraryChild {

  private NativeLibraryChild() {}

  public static void main(String[] args) {
    try {
      TorchRuntime.engine();
      System.out.println("STARTED, kernels " + (Kernels.compiled() ? "compiled" : "not compiled"));
    } catch (NativeLibraryException e) {
      System.out.println("NativeLibraryException: " + e.getMessage());
    }
  }
}
