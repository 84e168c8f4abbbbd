package dev.jtune.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.study.Study;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped and started again while a study runs: the workers' transactions fail, are
 * retried with backoff until the server is back, and no finished trial is lost.
 */
class PostgresRestartTest {
  @TempDir
  Path dir;

  private EmbeddedPostgres start(int port) throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(dir.resolve("data"))
        .setCleanDataDirectory(false).setPort(port).setServerConfig("fsync", "off").start();
  }

  @Test
  void workersRecoverFromARestartAndNothingFinishedIsLost() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedPostgres pg = start(port);
    try (Connection c = pg.getPostgresDatabase().getConnection();
         Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE restart");
    }
    String url = "jdbc:postgresql://localhost:" + port + "/restart?user=postgres";
    Map<Integer, FrozenTrial> finished = new ConcurrentHashMap<>();
    CountDownLatch halfway = new CountDownLatch(40);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (JdbcStorage storage = JdbcStorage.open(
        JdbcStorageConfig.of(url).withRetries(12, Duration.ofMillis(50)))) {
      Study study = Study.builder().name("restart").storage(storage)
          .sampler(new RandomSampler(7)).callback((st, t) -> {
            finished.put(t.number(), t);
            halfway.countDown();
          }).build();
      Thread workers = new Thread(() -> {
        try {
          study.optimize(trial -> {
            double x = trial.suggestFloat("x", -1, 1);
            Thread.sleep(5);
            return x * x;
          }, 150, null, 4);
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      workers.start();
      assertThat(halfway.await(2, TimeUnit.MINUTES)).isTrue();
      int finishedBeforeTheOutage = finished.size();
      pg.close(); // stops the server; the data directory stays
      Thread.sleep(1_000);
      pg = start(port);
      workers.join(TimeUnit.MINUTES.toMillis(3));
      assertThat(failure.get()).as("optimize failed").isNull();

      List<FrozenTrial> stored = storage.trials(study.id());
      assertThat(stored).extracting(FrozenTrial::number).containsExactlyElementsOf(
          java.util.stream.IntStream.range(0, stored.size()).boxed().toList());
      finished.forEach((number, t) -> assertThat(stored.get(number)).isEqualTo(t));
      assertThat(finished.size()).isGreaterThanOrEqualTo(140);
      // the workers were mid-study when the server went away, and went on after it came back
      assertThat(finishedBeforeTheOutage).isLessThan(140);
      assertThat(stored.stream().filter(t -> t.state() == TrialState.COMPLETE).count())
          .isGreaterThanOrEqualTo(140);
    } finally {
      pg.close();
    }
  }
}
