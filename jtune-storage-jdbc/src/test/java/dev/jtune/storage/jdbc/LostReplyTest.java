package dev.jtune.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.space.FloatDistribution;
import dev.jtune.storage.StudyId;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A statement that reached PostgreSQL but whose reply was lost with the connection: the retry
 * finds the write already made, and the worker's own copy of the trial must still hold it.
 */
class LostReplyTest {

  @Test
  void aParameterWhoseInsertReplyWasLostIsInTheWorkersCopyOfTheTrial() throws Exception {
    String direct = PostgresServer.newDatabaseUrl();
    try (ReplyDroppingProxy proxy = new ReplyDroppingProxy(direct);
        JdbcStorage storage = proxy.open()) {
      StudyId study = storage.createStudy("p", List.of(StudyDirection.MINIMIZE));
      FrozenTrial trial = storage.createTrial(study, TrialTemplate.running());
      proxy.dropAfter("trial_params");
      storage.setTrialParam(trial.id(), "x", 0.5, FloatDistribution.uniform(0, 1));
      assertThat(proxy.dropped()).as("the proxy dropped the insert's reply").isTrue();
      assertThat(storage.trial(trial.id()).internalParams()).containsEntry("x", 0.5);
      storage.setTrialState(trial.id(), TrialState.COMPLETE, List.of(1.0));
      assertThat(storage.trial(trial.id()).internalParams()).containsEntry("x", 0.5);
      assertThat(storage.trials(study).get(0).internalParams()).containsEntry("x", 0.5);
    }
  }

  /**
   * A COMMIT that reached the server but whose reply was lost: the storage asks the server what
   * became of the transaction instead of running it again, so a study, a trial or a claim is made
   * once (a blind retry made two studies' worth of errors, an orphan RUNNING trial, and a second
   * claimed trial that nobody ran).
   */
  @Test
  void aCommitWhoseReplyWasLostTakesEffectOnce() throws Exception {
    String direct = PostgresServer.newDatabaseUrl();
    try (ReplyDroppingProxy proxy = new ReplyDroppingProxy(direct);
        JdbcStorage storage = proxy.open()) {
      proxy.dropAfter("COMMIT");
      StudyId study = storage.createStudy("s", List.of(StudyDirection.MINIMIZE));
      assertThat(proxy.dropped()).isTrue();
      assertThat(storage.studies()).extracting(r -> r.name()).containsExactly("s");

      proxy.dropAfter("COMMIT");
      FrozenTrial created = storage.createTrial(study, TrialTemplate.running());
      assertThat(created.number()).isZero();
      assertThat(storage.trials(study)).extracting(FrozenTrial::number).containsExactly(0);

      StudyId queue = storage.createStudy("q", List.of(StudyDirection.MINIMIZE));
      storage.createTrial(queue, TrialTemplate.waiting(java.util.Map.of("x", 1)));
      storage.createTrial(queue, TrialTemplate.waiting(java.util.Map.of("x", 2)));
      proxy.dropAfter("COMMIT");
      FrozenTrial claimed = storage.claimWaitingTrial(queue).orElseThrow();
      assertThat(claimed.number()).isZero();
      assertThat(storage.trials(queue)).extracting(FrozenTrial::state)
          .containsExactly(TrialState.RUNNING, TrialState.WAITING);
      // the other way to claim: setting a WAITING trial RUNNING
      FrozenTrial waiting = storage.trials(queue).get(1);
      proxy.dropAfter("COMMIT");
      assertThat(storage.setTrialState(waiting.id(), TrialState.RUNNING, List.of())).isTrue();
      assertThat(storage.trials(queue)).extracting(FrozenTrial::state)
          .containsExactly(TrialState.RUNNING, TrialState.RUNNING);

      // a claim retried after its commit took effect finds its own value: still the winner
      proxy.dropAfter("COMMIT");
      assertThat(storage.claimStudySystemAttr(queue, "slot", java.util.Map.of("trial", 7)))
          .isEqualTo(java.util.Map.of("trial", 7));
      assertThat(proxy.dropped()).isTrue();
      assertThat(((Number) ((java.util.Map<?, ?>) storage.claimStudySystemAttr(queue, "slot",
          java.util.Map.of("trial", 8))).get("trial")).intValue()).isEqualTo(7);
    }
  }

  /**
   * A TCP proxy in front of the server that, once told a marker, forwards the first client message
   * holding it and then closes both sides before the reply comes back.
   */
  private static final class ReplyDroppingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final AtomicReference<String> marker = new AtomicReference<>();
    private volatile boolean dropped;

    private final String direct;

    /** A proxy to the server of {@code direct}, a JDBC URL of the embedded server. */
    ReplyDroppingProxy(String direct) throws IOException {
      this.direct = direct;
      this.target = Integer.parseInt(direct.replaceAll(".*localhost:(\\d+)/.*", "$1"));
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accepting = new Thread(this::accept, "proxy-accept");
      accepting.setDaemon(true);
      accepting.start();
    }

    /**
     * A storage on the database through the proxy, statements sent as text (so that the marker
     * can be seen), retrying quickly.
     */
    JdbcStorage open() {
      return JdbcStorage.open(JdbcStorageConfig.of(direct.replaceFirst("localhost:\\d+",
          "localhost:" + server.getLocalPort()) + "&prepareThreshold=0")
          .withRetries(5, Duration.ofMillis(50)));
    }

    void dropAfter(String text) {
      marker.set(text);
    }

    boolean dropped() {
      return dropped;
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
          AtomicBoolean cut = new AtomicBoolean();
          pump(client, upstream, true, cut);
          pump(upstream, client, false, cut);
        } catch (IOException e) {
          return;
        }
      }
    }

    /** Copies {@code from} to {@code to} until a side closes or {@code cut} is set. */
    private void pump(Socket from, Socket to, boolean fromClient, AtomicBoolean cut) {
      Thread t = new Thread(() -> {
        byte[] buffer = new byte[65536];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          int n;
          while ((n = in.read(buffer)) > 0 && !cut.get()) {
            String armed = marker.get();
            boolean drop = fromClient && armed != null
                && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains(armed)
                && marker.compareAndSet(armed, null);
            if (drop) {
              cut.set(true); // the reply is never passed on
              dropped = true;
            }
            out.write(buffer, 0, n);
            out.flush();
            if (drop) {
              Thread.sleep(300); // the server runs the statement meanwhile
              from.close();
              to.close();
              return;
            }
          }
        } catch (IOException | InterruptedException e) {
          // a side closed
        }
      }, "proxy-pump");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
