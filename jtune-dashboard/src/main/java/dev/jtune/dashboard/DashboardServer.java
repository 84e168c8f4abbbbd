package dev.jtune.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jtune.storage.Storage;
import dev.jtune.storage.StudyNotFoundException;
import dev.jtune.storage.StudyRecord;
import dev.jtune.study.Feasibility;
import dev.jtune.study.ParetoFront;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only web dashboard over a storage, like {@code optuna-dashboard}: {@code /} lists the
 * studies (directions, trial counts, best value) and {@code /study?name=NAME} shows one study's
 * {@link StudyReport}, reloaded by the browser every few seconds so a running study can be
 * watched. Nothing is ever written to the storage; only {@code GET} and {@code HEAD} are answered.
 *
 * <p>Bind it to the loopback address (the default of {@code jtune dashboard}) unless the network
 * is trusted: the pages show every parameter and attribute of every study, with no login.
 *
 * <p>Thread-safe; requests are served on two threads. Close it to stop serving (the storage stays
 * open: it is the caller's).
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
  private static final String STUDY_PATH = "/study";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Storage storage;
  private final int refreshSeconds;
  /** The latest page of each study, for as long as its trials do not change (at most 32). */
  private final Map<String, CachedPage> pages = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CachedPage> eldest) {
      return size() > 32;
    }
  };

  private DashboardServer(HttpServer server, ExecutorService executor, Storage storage,
      int refreshSeconds) {
    this.server = server;
    this.executor = executor;
    this.storage = storage;
    this.refreshSeconds = refreshSeconds;
  }

  /**
   * Starts serving {@code storage} on {@code address} (port 0 picks a free port).
   *
   * @param refreshSeconds how often a study page reloads itself; 0 for never
   * @throws IOException if the address cannot be bound (for example, the port is taken)
   */
  public static DashboardServer start(Storage storage, InetSocketAddress address,
      int refreshSeconds) throws IOException {
    if (refreshSeconds < 0) {
      throw new IllegalArgumentException("refreshSeconds must be >= 0, got " + refreshSeconds);
    }
    HttpServer server = HttpServer.create(address, 0);
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "jtune-dashboard");
      t.setDaemon(true);
      return t;
    });
    DashboardServer dashboard = new DashboardServer(server, executor, storage, refreshSeconds);
    server.createContext("/", dashboard::handle);
    server.setExecutor(executor);
    server.start();
    LOG.info("dashboard serving {}", dashboard.uri());
    return dashboard;
  }

  /** Where the dashboard is served, for example {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "localhost"
        : a.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + a.getPort() + "/");
  }

  /** The address of a study's page under this dashboard. */
  public URI studyUri(String name) {
    return uri().resolve(studyPath(name));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain", "only GET and HEAD are served\n");
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      try {
        if (path.equals("/")) {
          send(exchange, 200, "text/html", index());
        } else if (path.equals(STUDY_PATH)) {
          Optional<String> name = queryValue(exchange.getRequestURI().getRawQuery(), "name");
          Optional<String> page = name.flatMap(this::studyPage);
          if (page.isPresent()) {
            send(exchange, 200, "text/html", page.get());
          } else {
            send(exchange, 404, "text/html", notFound(name.map(n -> "no study named '" + n + "'")
                .orElse("no study named: the address needs ?name=STUDY")));
          }
        } else {
          send(exchange, 404, "text/html", notFound("no page " + path));
        }
      } catch (RuntimeException | Error e) {
        // an Error too: the browser gets an answer, not a dropped connection
        LOG.warn("dashboard request {} failed", path, e);
        send(exchange, 500, "text/plain", "jtune dashboard: " + e + "\n");
        if (e instanceof Error error) {
          throw error;
        }
      }
    }
  }

  /**
   * The decoded value of one query parameter ({@code +} is a space, as browsers encode forms and
   * as {@link #studyPath} writes spaces' percent form; a literal plus arrives as {@code %2B}).
   */
  private static Optional<String> queryValue(String rawQuery, String key) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(key)) {
        return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private Optional<String> studyPage(String name) {
    if (name.isBlank()) {
      return Optional.empty();
    }
    Study study;
    try {
      study = Study.load(name, storage);
    } catch (StudyNotFoundException e) {
      return Optional.empty();
    }
    List<FrozenTrial> trials = study.trials();
    // a running trial's bar on the timeline grows with the clock: such a page is always new
    boolean running = trials.stream().anyMatch(t -> t.state() == TrialState.RUNNING);
    long fingerprint = 31 * (31 * fingerprint(trials) + study.id().hashCode())
        + study.directions().hashCode();
    synchronized (pages) {
      CachedPage cached = pages.get(name);
      if (!running && cached != null && cached.fingerprint() == fingerprint) {
        return Optional.of(cached.html());
      }
    }
    String navigation = "<p class=\"meta\"><a href=\"/\">all studies</a>"
        + (refreshSeconds > 0 ? " &#183; this page reloads every " + refreshSeconds + " s" : "")
        + "</p>\n";
    String html = StudyReport.page(study, refreshSeconds, navigation);
    synchronized (pages) {
      pages.put(name, new CachedPage(fingerprint, html));
    }
    return Optional.of(html);
  }

  /** A page and the state of the trials it was made from. */
  private record CachedPage(long fingerprint, String html) {}

  /**
   * What a page depends on, folded into one number (with the study's id and directions): each
   * trial's number, state, values, parameters, distributions, reports and times. A study with no running trial that has not changed since its page was made gets
   * the same page again (fANOVA and the charts cost seconds on a large study, and pages reload
   * every few seconds).
   */
  private static long fingerprint(List<FrozenTrial> trials) {
    long h = trials.size();
    for (FrozenTrial t : trials) {
      h = 31 * h + t.number();
      h = 31 * h + t.state().ordinal();
      h = 31 * h + t.values().hashCode();
      h = 31 * h + t.intermediateValues().hashCode();
      h = 31 * h + t.internalParams().hashCode();
      h = 31 * h + t.distributions().hashCode();
      h = 31 * h + Objects.hashCode(t.started());
      h = 31 * h + Objects.hashCode(t.completed());
    }
    return h;
  }

  private String index() {
    StringBuilder rows = new StringBuilder();
    List<StudyRecord> studies = storage.studies();
    Map<StudyRecord, List<FrozenTrial>> trialsByStudy = new LinkedHashMap<>();
    for (StudyRecord r : studies) {
      List<FrozenTrial> trials = storage.trials(r.id());
      trialsByStudy.put(r, trials);
      long complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
      long pruned = trials.stream().filter(t -> t.state() == TrialState.PRUNED).count();
      long running = trials.stream().filter(t -> t.state() == TrialState.RUNNING).count();
      String best = r.directions().size() > 1 ? front(r.directions(), trials)
          : best(r.directions(), trials)
              .map(t -> Html.number(t.value()) + " (#" + t.number() + ")").orElse("-");
      rows.append("<tr><td><a href=\"").append(Html.escape(studyPath(r.name()))).append("\">")
          .append(Html.escape(r.name())).append("</a></td><td>")
          .append(Html.escape(r.directions().stream()
              .map(d -> d.name().toLowerCase(Locale.ROOT)).toList().toString()
              .replaceAll("[\\[\\]]", "")))
          .append("</td><td>").append(trials.size()).append("</td><td>").append(complete)
          .append("</td><td>").append(pruned).append("</td><td>").append(running)
          .append("</td><td>").append(Html.escape(best)).append("</td></tr>\n");
    }
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        + "<title>jtune dashboard</title>\n<style>" + Style.CSS + "</style>\n</head>\n<body>\n"
        + "<h1>Studies</h1>\n"
        + (studies.isEmpty() ? "<p class=\"note\">The storage holds no study yet.</p>\n"
            : "<table>\n<tr><th>study</th><th>direction</th><th>trials</th><th>complete</th>"
                + "<th>pruned</th><th>running</th><th>best</th></tr>\n" + rows + "</table>\n"
                + ComparePlot.of(trialsByStudy).html())
        + "<footer>jtune dashboard</footer>\n</body>\n</html>\n";
  }

  /**
   * A study of several objectives in the index: the size of its Pareto front, or "-". A complete
   * trial without one value per objective (foreign data) is left out, not allowed to fail the
   * page of every study.
   */
  private static String front(List<StudyDirection> directions, List<FrozenTrial> trials) {
    List<FrozenTrial> complete = trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE && t.values().size() == directions.size())
        .toList();
    int size = ParetoFront.of(Feasibility.filter(complete), directions).size();
    return size == 0 ? "-" : "Pareto front of " + size;
  }

  /**
   * The best complete trial of a single-objective study, from the trials already read (not
   * through {@code Study.load}, which would read them again and refuses names that a study
   * written by Optuna may have, such as blanks).
   */
  private static Optional<FrozenTrial> best(List<StudyDirection> directions,
      List<FrozenTrial> trials) {
    if (directions.size() != 1) {
      return Optional.empty();
    }
    Comparator<FrozenTrial> byValue = Comparator.comparingDouble(FrozenTrial::value);
    // in a constrained study, the best feasible trial, as Study.bestTrial
    return Feasibility.filter(trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE && !Double.isNaN(t.value())).toList())
        .stream().min(directions.get(0) == StudyDirection.MAXIMIZE ? byValue.reversed() : byValue);
  }

  private static String notFound(String what) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        + "<title>not found</title>\n</head>\n<body>\n<p>" + Html.escape(what)
        + ". <a href=\"/\">All studies</a></p>\n</body>\n</html>\n";
  }

  /** A study's address: the name in the query, where no dot segment or slash can upset it. */
  private static String studyPath(String name) {
    return STUDY_PATH + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
