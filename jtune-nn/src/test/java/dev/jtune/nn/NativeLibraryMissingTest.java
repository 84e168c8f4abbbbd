package dev.jtune.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM without the {@code pytorch-native-cpu} jar and with an empty DJL cache cannot start
 * libtorch offline; the error names the jar to add. A JVM with it compiles jtune's kernels as the
 * engine starts, before any training asks for them.
 */
class NativeLibraryMissingTest {

  @TempDir Path cache;

  @Test
  void theErrorNamesTheMissingJar() throws Exception {
    String testPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    String without = Arrays.stream(testPath.split(File.pathSeparator))
        .filter(p -> !p.contains("pytorch-native-cpu")).collect(Collectors.joining(File.pathSeparator));
    assumeTrue(!without.equals(testPath), "the class path lists the native jar by name");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", without,
        "-DDJL_CACHE_DIR=" + cache, "-DENGINE_CACHE_DIR=" + cache,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", NativeLibraryChild.class.getName())
        .redirectErrorStream(true);
    pb.environment().put("DJL_CACHE_DIR", cache.toString());
    pb.environment().put("ENGINE_CACHE_DIR", cache.toString());
    pb.environment().remove("PYTORCH_LIBRARY_PATH");
    Process child = pb.start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("NativeLibraryException: the PyTorch engine of DJL 0.36.0 could not "
        + "start").contains("ai.djl.pytorch:pytorch-native-cpu:2.7.1 (classifier linux-x86_64)")
        .contains("ai.djl.offline=true");
  }

  @Test
  void theFirstStartCompilesTheKernels() throws Exception {
    String testPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", testPath,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", NativeLibraryChild.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("STARTED, kernels compiled");
  }
}
