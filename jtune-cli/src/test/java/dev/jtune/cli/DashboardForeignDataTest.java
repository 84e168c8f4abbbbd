package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.dashboard.DashboardServer;
import dev.jtune.storage.jdbc.JdbcStorage;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's index over data another tool wrote. */
class DashboardForeignDataTest {
  @TempDir
  Path dir;

  @Test
  void indexSurvivesAForeignCompleteTrialWithoutValues() throws Exception {
    String db = "jdbc:sqlite:" + dir.resolve("s.db");
    try (JdbcStorage s = JdbcStorage.open(db)) {
      Study two = Study.builder().name("two").storage(s)
          .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE).build();
      for (int i = 0; i < 3; i++) {
        var t = two.ask();
        double x = t.suggestFloat("x", 0, 1);
        two.tell(t, x, x);
      }
    }
    // foreign data: a COMPLETE trial whose values were never written (TrialReader allows it)
    try (var c = DriverManager.getConnection(db); var st = c.createStatement()) {
      st.executeUpdate("DELETE FROM trial_values WHERE trial_id = (SELECT MIN(trial_id) FROM trials)");
    }
    try (JdbcStorage s = JdbcStorage.open(db);
        DashboardServer server = DashboardServer.start(s,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)) {
      HttpResponse<String> index = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(index.statusCode()).isEqualTo(200);
      // the trial without values is left out of the front, the two others make it
      assertThat(index.body()).contains("<td>Pareto front of ");
    }
  }
}
