package dev.jtune.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TorchRuntimeTest {

  @Test
  void startsOfflineWithOneThread() {
    Engine engine = TorchRuntime.engine();
    assertThat(engine.getEngineName()).isEqualTo("PyTorch");
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    assertThat(ai.djl.pytorch.jni.JniUtils.getNumThreads()).isEqualTo(1);
    assertThat(ai.djl.pytorch.jni.JniUtils.getNumInteropThreads()).isEqualTo(1);
    try (NDManager m = engine.newBaseManager()) {
      NDArray a = m.create(new float[] {1, 2, 3});
      assertThat(a.sum().getFloat()).isEqualTo(6f);
    }
  }

  @Test
  void explainsAMissingLibraryWithTheFix() {
    String message = TorchRuntime.explain(new IllegalStateException("x",
        new UnsatisfiedLinkError("libtorch.so: cannot open")), "Linux", "amd64", Map.of());
    assertThat(message).contains("libtorch.so: cannot open")
        .contains("ai.djl.pytorch:pytorch-native-cpu:2.7.1").contains("linux-x86_64")
        .contains("pytorch-jni:2.7.1-0.36.0");
  }

  @Test
  void explainsAWrongPlatformAndABadLibraryPath() {
    String message = TorchRuntime.explain(new RuntimeException("no engine"), "Mac OS X",
        "aarch64", Map.of("PYTORCH_LIBRARY_PATH", "/opt/torch"));
    assertThat(message).contains("Mac OS X/aarch64").contains("osx-aarch64")
        .contains("PYTORCH_LIBRARY_PATH=/opt/torch");
  }

  /**
   * The fix named is the one that applies: a cache folder that cannot be written, a
   * PYTORCH_VERSION other than the jar's, a partial library in the cache DJL_CACHE_DIR chose
   * (each used to be told to put the jar, which was there, on the class path).
   */
  @Test
  void explainsTheCacheFolderAndTheVersionSetting() {
    String cache = TorchRuntime.explain(new RuntimeException("x",
        new java.nio.file.FileSystemException("/tmp/f/pytorch: Not a directory")), "Linux",
        "amd64", Map.of("DJL_CACHE_DIR", "/tmp/f"));
    assertThat(cache).contains("/tmp/f/pytorch, which must be a writable folder")
        .contains("point DJL_CACHE_DIR at one").doesNotContain("Put ai.djl.pytorch");
    String version = TorchRuntime.explain(new RuntimeException("Offline mode is enabled"),
        "Linux", "amd64", Map.of("PYTORCH_VERSION", "2.5.1"));
    assertThat(version).contains("PYTORCH_VERSION=2.5.1 is set, but jtune-nn ships libtorch 2.7.1");
    String partial = TorchRuntime.explain(new UnsatisfiedLinkError("invalid ELF header"), "Linux",
        "amd64", Map.of("DJL_CACHE_DIR", "/data/djl"));
    assertThat(partial).contains("a wrong or partial one in /data/djl/pytorch can be deleted");
  }
}
