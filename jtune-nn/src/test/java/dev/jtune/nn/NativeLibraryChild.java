package dev.jtune.nn;

/** Started by {@link NativeLibraryMissingTest} without the native jar: prints what the start says. */
public final class NativeLibraryChild {

  private NativeLibraryChild() {}

  public static void main(String[] args) {
    try {
      TorchRuntime.engine();
      System.out.println("STARTED");
    } catch (NativeLibraryException e) {
      System.out.println("NativeLibraryException: " + e.getMessage());
    }
  }
}
