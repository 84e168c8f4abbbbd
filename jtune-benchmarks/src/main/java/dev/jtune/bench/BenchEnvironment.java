package dev.jtune.bench;

import dev.jtune.study.Study;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Where a benchmark ran, printed with every result so that figures from different sessions are
 * never mixed up.
 *
 * @param javaVersion {@code java.version}
 * @param jvm the VM's name and version
 * @param os name, version and architecture
 * @param cpus processors available to the JVM
 * @param maxHeapMb the JVM's maximum heap in MiB
 * @param jtuneVersion jtune-core's version, from its Maven metadata ({@code unknown} when run from
 *     class folders)
 */
record BenchEnvironment(String javaVersion, String jvm, String os, int cpus, long maxHeapMb,
    String jtuneVersion) {

  private static final String CORE_POM_PROPERTIES =
      "/META-INF/maven/dev.jtune/jtune-core/pom.properties";

  static BenchEnvironment current() {
    return new BenchEnvironment(
        System.getProperty("java.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        readJtuneVersion());
  }

  private static String readJtuneVersion() {
    try (InputStream in = Study.class.getResourceAsStream(CORE_POM_PROPERTIES)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** {@code --version}: jtune's version and the JVM. */
  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      BenchEnvironment env = current();
      return new String[] {"jtune-benchmarks " + env.jtuneVersion(), env.jvm() + ", " + env.os()};
    }
  }
}
