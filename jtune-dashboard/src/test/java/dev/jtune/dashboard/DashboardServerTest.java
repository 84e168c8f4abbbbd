package dev.jtune.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.storage.InMemoryStorage;
import dev.jtune.study.Study;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardServerTest {
  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> get(URI uri, String method) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).method(method,
        HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheStudyListAndEachStudyReadOnly() throws Exception {
    InMemoryStorage storage = new InMemoryStorage();
    Study odd = Study.builder().name("a b/<c>?").storage(storage).build();
    odd.optimize(t -> t.suggestFloat("x", 0, 1), 5);
    Study.builder().name("plain").storage(storage).build();
    for (String name : List.of(".", "..", "a+b", "50%", "ü/é")) {
      Study.builder().name(name).storage(storage).build();
    }
    int trials = storage.trials(odd.id()).size();

    try (DashboardServer server = DashboardServer.start(storage,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 7)) {
      HttpResponse<String> index = get(server.uri(), "GET");
      assertThat(index.statusCode()).isEqualTo(200);
      assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(index.body()).contains("a b/&lt;c&gt;?").contains(">plain</a>")
          .contains("href=\"/study?name=a%20b%2F%3Cc%3E%3F\"");

      HttpResponse<String> page = get(server.studyUri("a b/<c>?"), "GET");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<h1>Study a b/&lt;c&gt;?</h1>")
          .contains("<meta http-equiv=\"refresh\" content=\"7\"/>")
          .contains("<a href=\"/\">all studies</a>");
      assertThat(get(server.studyUri("plain"), "GET").body())
          .contains("No complete trial with a finite value yet.");

      // names a browser would rewrite in a path (dot segments) or decode as a form (a plus)
      for (String name : List.of(".", "..", "a+b", "50%", "ü/é")) {
        HttpResponse<String> named = get(server.studyUri(name), "GET");
        assertThat(named.statusCode()).as(name).isEqualTo(200);
        assertThat(named.body()).as(name).contains("<h1>Study " + name + "</h1>");
      }
      assertThat(get(server.uri().resolve("/study?name=a%2Bb"), "GET").body())
          .contains("<h1>Study a+b</h1>");
      assertThat(get(server.uri().resolve("/study"), "GET").statusCode()).isEqualTo(404);
      assertThat(get(server.uri().resolve("/study?name="), "GET").statusCode()).isEqualTo(404);
      assertThat(get(server.uri().resolve("/study?name=%20"), "GET").statusCode()).isEqualTo(404);
      HttpResponse<String> missing = get(server.studyUri("nope"), "GET");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("no study named &#39;nope&#39;");
      assertThat(get(server.uri().resolve("/elsewhere"), "GET").statusCode()).isEqualTo(404);
      HttpResponse<String> post = get(server.uri(), "POST");
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
      HttpResponse<String> head = get(server.uri(), "HEAD");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
    }
    assertThat(storage.trials(odd.id())).hasSize(trials);
    assertThat(storage.studies()).hasSize(7);
  }

  @Test
  void anUnchangedStudyGetsItsPageAgainAndAChangedOneANewPage() throws Exception {
    InMemoryStorage storage = new InMemoryStorage();
    Study study = Study.builder().name("s").storage(storage).build();
    study.optimize(t -> t.suggestFloat("x", 0, 1), 6);
    try (DashboardServer server = DashboardServer.start(storage,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)) {
      String first = get(server.studyUri("s"), "GET").body();
      Thread.sleep(1100);      // the page's footer carries the second it was made
      String again = get(server.studyUri("s"), "GET").body();
      study.optimize(t -> t.suggestFloat("x", 0, 1), 1);
      String changed = get(server.studyUri("s"), "GET").body();

      study.ask();                 // running: its timeline bar grows with the clock
      String live = get(server.studyUri("s"), "GET").body();
      Thread.sleep(1100);
      String later = get(server.studyUri("s"), "GET").body();

      assertThat(again).isEqualTo(first);
      assertThat(first).contains("; 6 trials, 6 complete");
      assertThat(changed).contains("; 7 trials, 7 complete");
      assertThat(live).contains("1 running");
      assertThat(later).isNotEqualTo(live);
    }
  }

  @Test
  void theIndexComparesTheStudiesBestValuesSoFar() throws Exception {
    InMemoryStorage storage = new InMemoryStorage();
    for (String name : List.of("random", "tpe")) {
      Study.builder().name(name).storage(storage).build()
          .optimize(t -> t.suggestFloat("x", 0, 1), 8);
    }
    Study two = Study.builder().name("two").storage(storage)
        .directions(dev.jtune.study.StudyDirection.MINIMIZE,
            dev.jtune.study.StudyDirection.MINIMIZE).build();
    var trial = two.ask();
    two.tell(trial, 1, 2);
    Study.builder().name("empty").storage(storage).build();

    try (DashboardServer server = DashboardServer.start(storage,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)) {
      String index = get(server.uri(), "GET").body();

      assertThat(index).contains("<h2>Best value so far, study by study</h2>")
          .contains("2 studies; not drawn: multi-objective studies, studies without a complete"
              + " (and, if constrained, feasible) trial of finite value.");
      assertThat(index.split("class=\"compare\"", -1)).as("a line and a legend key each")
          .hasSize(5);
      assertThat(index).contains(">random</text>").contains(">tpe</text>");
      // a study of several objectives shows the size of its front where others show a value
      assertThat(index).contains("<td>Pareto front of 1</td>");
    }
  }

  @Test
  void theIndexShowsAConstrainedStudysBestFeasibleValueOnly() throws Exception {
    InMemoryStorage storage = new InMemoryStorage();
    // values 5, 1, 3: only values >= 2 meet the constraint
    Study c = Study.builder().name("bounded").storage(storage)
        .constraints(t -> new double[] {2 - t.value()}).build();
    for (double v : new double[] {5, 1, 3}) {
      var trial = c.ask();
      trial.suggestFloat("x", 0, 1);
      c.tell(trial, v);
    }
    Study.builder().name("none").storage(storage).constraints(t -> new double[] {1}).build()
        .optimize(t -> t.suggestFloat("x", 0, 1), 3);
    try (DashboardServer server = DashboardServer.start(storage,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)) {
      String index = get(server.uri(), "GET").body();
      // the best of "bounded" is trial 2 (value 3), not trial 1 (value 1, infeasible); "none"
      // has no feasible trial: no best, no line
      assertThat(index).contains("<td>3 (#2)</td>").doesNotContain("(#1)")
          .contains("1 study; not drawn");
    }
  }

  @Test
  void aStudyMadeAgainUnderItsNameGetsItsOwnPage() throws Exception {
    InMemoryStorage storage = new InMemoryStorage();
    Study.builder().name("s").storage(storage).build();
    try (DashboardServer server = DashboardServer.start(storage,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)) {
      assertThat(get(server.studyUri("s"), "GET").body()).contains(">minimize; 0 trials");
      storage.deleteStudy(storage.findStudy("s").orElseThrow());
      Study.builder().name("s").storage(storage)
          .direction(dev.jtune.study.StudyDirection.MAXIMIZE).build();

      assertThat(get(server.studyUri("s"), "GET").body()).contains(">maximize; 0 trials");
    }
  }
}