package dev.jtune.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
        new UnsatisfiedLinkError("libtorch.so: cannot open")), "Linux", "amd64", null);
    assertThat(message).contains("libtorch.so: cannot open")
        .contains("ai.djl.pytorch:pytorch-native-cpu:2.7.1").contains("linux-x86_64")
        .contains("pytorch-jni:2.7.1-0.36.0");
  }

  @Test
  void explainsAWrongPlatformAndABadLibraryPath() {
    String message = TorchRuntime.explain(new RuntimeException("no engine"), "Mac OS X",
        "aarch64", "/opt/torch");
    assertThat(message).contains("Mac OS X/aarch64").contains("osx-aarch64")
        .contains("PYTORCH_LIBRARY_PATH=/opt/torch");
  }
}
