package dev.jtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DashboardCommandTest {
  @TempDir
  Path dir;
  String db;

  @BeforeEach
  void study() {
    db = "jdbc:sqlite:" + dir.resolve("study.db");
    Cli.ok("run", Studies.file(dir, "s.yaml", Studies.sphere(dir, "sphere", 12)).toString());
  }

  @Test
  void reportWritesOnePageOfChartsAndRefusesTheDatabase() throws Exception {
    Path page = dir.resolve("sphere.html");
    Cli run = Cli.ok("studies", "report", "--storage", db, "--study", "sphere", "-o",
        page.toString());

    assertThat(run.err()).contains("wrote the report of study 'sphere' (12 trials) to " + page);
    assertThat(Files.readString(page)).contains("<h1>Study sphere</h1>")
        .contains("Optimization history").contains("Parameter importance").contains("<svg");

    Cli onto = Cli.run("studies", "report", "--storage", db, "--study", "sphere", "-o",
        dir.resolve("study.db").toString());
    assertThat(onto.code()).isEqualTo(2);
    assertThat(onto.err()).contains("it is the storage's database file, which the report would"
        + " replace");
    assertThat(Cli.ok("studies", "list", "--storage", db).out()).contains("sphere");
    Cli missing = Cli.run("studies", "report", "--storage", db, "--study", "nope", "-o",
        page.toString());
    assertThat(missing.code()).isEqualTo(5);
  }

  @Test
  void dashboardServesTheStorageUntilStopped() throws Exception {
    DashboardCommand command = new DashboardCommand();
    CommandLine cli = new CommandLine(command);
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> code = CompletableFuture.supplyAsync(
        () -> cli.execute("--storage", db, "--port", "0", "--refresh", "0"));
    Matcher url = Pattern.compile("at (http://\\S+/) \\(Ctrl-C stops it\\)").matcher("");
    for (int i = 0; i < 200 && !url.reset(out.toString()).find(); i++) {
      Thread.sleep(50);
    }
    assertThat(url.reset(out.toString()).find()).as(out.toString()).isTrue();
    URI base = URI.create(url.group(1));
    HttpClient client = HttpClient.newHttpClient();

    String index = client.send(HttpRequest.newBuilder(base).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    HttpResponse<String> study = client.send(HttpRequest.newBuilder(
        base.resolve("/study?name=sphere")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(index).contains("<a href=\"/study?name=sphere\">sphere</a>");
    assertThat(study.statusCode()).isEqualTo(200);
    assertThat(study.body()).contains("<h1>Study sphere</h1>").doesNotContain("http-equiv");
    command.stop();
    assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aTakenPortOrABadOptionIsAUsageError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      Cli busy = Cli.run("dashboard", "--storage", db, "--port",
          String.valueOf(taken.getLocalPort()));
      assertThat(busy.code()).isEqualTo(2);
      assertThat(busy.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .contains("--port free");
    }
    Cli host = Cli.run("dashboard", "--storage", db, "--host", "no.such.host.invalid");
    assertThat(host.code()).isEqualTo(2);
    assertThat(host.err()).contains("--host no.such.host.invalid is not a known address");
    Cli port = Cli.run("dashboard", "--storage", db, "--port", "70000");
    assertThat(port.code()).isEqualTo(2);
    assertThat(port.err()).contains("--port 70000 is not a port");
  }
}
