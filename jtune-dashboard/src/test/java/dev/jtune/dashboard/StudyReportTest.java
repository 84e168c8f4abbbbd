package dev.jtune.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.pruner.Pruner;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.TrialPrunedException;
import dev.jtune.trial.TrialState;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class StudyReportTest {
  @TempDir
  Path dir;

  /** A training-like study: log, int and categorical parameters, a conditional one, curves. */
  static Study trainingStudy() {
    Study study = Study.builder().name("mlp <b>&\"").sampler(new RandomSampler(5))
        .pruner(Pruner.median()).direction(StudyDirection.MAXIMIZE).build();
    study.optimize(t -> {
      double lr = t.suggestFloat("lr", 1e-5, 1e-1, true);
      int units = t.suggestInt("units", 16, 256, 16);
      String opt = t.suggestCategorical("optimizer", List.of("adam", "sgd", "<script>"));
      if (opt.equals("sgd")) {
        t.suggestFloat("momentum", 0, 0.99);
      }
      if (t.number() == 7) {
        throw new IllegalStateException("diverged");
      }
      double accuracy = 0;
      for (int epoch = 0; epoch < 6; epoch++) {
        accuracy = 0.9 - 0.05 * Math.abs(Math.log10(lr) + 3) + units / 5000.0
            - 0.3 / (epoch + 1);
        t.report(epoch, accuracy);
        if (t.shouldPrune()) {
          throw new TrialPrunedException();
        }
      }
      return accuracy;
    }, 40);
    return study;
  }

  static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  static Element section(Document page, String title) {
    NodeList sections = page.getElementsByTagName("section");
    for (int i = 0; i < sections.getLength(); i++) {
      Element s = (Element) sections.item(i);
      if (s.getElementsByTagName("h2").item(0).getTextContent().equals(title)) {
        return s;
      }
    }
    throw new AssertionError("no section " + title);
  }

  static long marks(Element section, String tag, String cssClass) {
    NodeList nodes = section.getElementsByTagName(tag);
    long n = 0;
    for (int i = 0; i < nodes.getLength(); i++) {
      if (List.of(((Element) nodes.item(i)).getAttribute("class").split(" ")).contains(cssClass)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aTrainingStudyGetsEveryChartWithOneMarkPerTrial() throws Exception {
    Study study = trainingStudy();
    int complete = study.trials(TrialState.COMPLETE).size();
    int pruned = study.trials(TrialState.PRUNED).size();
    assertThat(pruned).as("the median rule pruned some").isPositive();

    String html = StudyReport.html(study);
    Document page = parse(html);

    assertThat(page.getElementsByTagName("h1").item(0).getTextContent())
        .isEqualTo("Study mlp <b>&\"");
    assertThat(html).doesNotContain("<script>").doesNotContain("<b>").contains("&lt;script&gt;");
    assertThat(marks(section(page, "Optimization history"), "circle", "trial"))
        .isEqualTo(complete);
    assertThat(marks(section(page, "Optimization history"), "polyline", "best")).isEqualTo(1);
    Element curves = section(page, "Learning curves (intermediate values)");
    assertThat(marks(curves, "polyline", "pruned") + marks(curves, "circle", "pruned"))
        .isEqualTo(pruned);
    assertThat(marks(curves, "polyline", "complete")).isEqualTo(complete);
    assertThat(marks(curves, "polyline", "fail")).isZero();
    Element importance = section(page, "Parameter importance");
    assertThat(marks(importance, "rect", "bar")).isEqualTo(3);
    assertThat(importance.getTextContent()).contains("lr").contains("fANOVA of value over "
        + complete + " complete trials");
    Element contour = section(page, "The two most important parameters together");
    assertThat(marks(contour, "circle", "onmap")).isEqualTo(complete);
    assertThat(marks(contour, "rect", "cell")).isBetween(9L, 625L);
    assertThat(contour.getTextContent()).contains("averaged over every other parameter");
    Element slices = section(page, "Objective value by parameter");
    assertThat(slices.getElementsByTagName("svg").getLength()).isEqualTo(4);
    assertThat(marks(slices, "circle", "trial")).isEqualTo(3L * complete
        + study.trials(TrialState.COMPLETE).stream().filter(t -> t.hasParam("momentum")).count());
    Element parallel = section(page, "Parallel coordinates");
    assertThat(marks(parallel, "polyline", "parallel")).isEqualTo(complete);
    assertThat(section(page, "Best trials").getTextContent())
        .contains("of " + complete + " complete trials:")
        // a study loaded by the dashboard has a default sampler, not the one it ran with
        .doesNotContain("sampler:");
    Element latest = section(page, "Latest trials");
    assertThat(latest.getElementsByTagName("tr").getLength()).isEqualTo(41);
    assertThat(latest.getTextContent()).contains("IllegalStateException: diverged")
        .contains("at step 0");
    Element timeline = section(page, "Timeline");
    assertThat(marks(timeline, "rect", "span")).isEqualTo(study.trials().size());
    assertThat(marks(timeline, "rect", "pruned")).isEqualTo(pruned);
    assertThat(marks(timeline, "rect", "fail")).isEqualTo(1);
  }

  @Test
  void theBestSoFarLineStepsAtEachImprovement() throws Exception {
    Study study = Study.builder().name("steps").build();
    for (double v : new double[] {5, 3, 4, 1}) {
      var trial = study.ask();
      trial.suggestFloat("x", 0, 10);
      study.tell(trial, v);
    }

    Element history = section(parse(StudyReport.html(study)), "Optimization history");
    NodeList lines = history.getElementsByTagName("polyline");
    String points = ((Element) lines.item(0)).getAttribute("points").strip();

    // (0,5) (1,5) (1,3) (3,3) (3,1): five points, the last at the bottom of the plot
    String[] xy = points.split(" ");
    assertThat(xy).hasSize(5);
    double bottom = new Chart().y(0);
    double top = new Chart().y(1);
    assertThat(Double.parseDouble(xy[0].split(",")[1])).isEqualTo(top, within());
    assertThat(Double.parseDouble(xy[4].split(",")[1])).isEqualTo(bottom, within());
    assertThat(xy[1].split(",")[1]).isEqualTo(xy[0].split(",")[1]);
    assertThat(xy[2].split(",")[0]).isEqualTo(xy[1].split(",")[0]);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.01);
  }

  @Test
  void aMultiObjectiveStudyShowsItsParetoFront() throws Exception {
    Study study = Study.builder().name("two")
        .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE).build();
    double[][] values = {{1, 3}, {2, 2}, {3, 3}, {3, 1}, {Double.POSITIVE_INFINITY, 0}};
    for (double[] v : values) {
      var trial = study.ask();
      trial.suggestFloat("x", 0, 1);
      study.tell(trial, v);
    }

    Document page = parse(StudyReport.html(study));

    Element front = section(page, "Pareto front (objective 0 and objective 1)");
    assertThat(marks(front, "circle", "front")).isEqualTo(3);
    assertThat(marks(front, "circle", "trial")).isEqualTo(1);
    assertThat(front.getTextContent()).contains("4 complete trials; 3 on the Pareto front (red); 1 with a non-finite value not"
        + " drawn");
    Element first = section(page, "Optimization history, objective 0 (minimize)");
    assertThat(first.getTextContent()).contains("1 with an infinite value not drawn");
  }

  @Test
  void aConstrainedStudyDrawsInfeasibleTrialsHollowAndKeepsTheLineAndFrontToFeasibleOnes()
      throws Exception {
    // minimize x where x >= 2 holds: values 5, 1 (infeasible), 3, 0.5 (infeasible), 2.5
    Study study = Study.builder().name("c").constraints(t -> new double[] {2 - t.value()})
        .build();
    for (double v : new double[] {5, 1, 3, 0.5, 2.5}) {
      var trial = study.ask();
      trial.suggestFloat("x", 0, 10);
      study.tell(trial, v);
    }
    String html = StudyReport.html(study);
    assertThat(html).contains("3 of 5 complete trials meet the constraints")
        .contains("best trial #4, value 2.5");
    Element history = section(parse(html), "Optimization history");
    assertThat(marks(history, "circle", "trial")).isEqualTo(3);
    assertThat(marks(history, "circle", "infeasible")).isEqualTo(2);
    assertThat(html).contains("constraints [-0.5]");   // trial 4's tooltip: 2 - 2.5
    assertThat(history.getTextContent()).contains("5 complete trials, 3 of them feasible")
        .contains("the line is the best feasible value so far");
    // the line ends at 2.5, not at 0.5: (0,5) (2,5) (2,3) (4,3) (4,2.5)
    String points = ((Element) history.getElementsByTagName("polyline").item(0))
        .getAttribute("points").strip();
    assertThat(points.split(" ")).hasSize(5);
    assertThat(section(parse(html), "Latest trials").getTextContent()).contains("constraints")
        .contains("met").contains("missed by 1.5");

    Study two = Study.builder().name("two-c")
        .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
        .constraints(t -> new double[] {1.5 - t.values().get(0)}).build();
    for (double[] v : new double[][] {{1, 3}, {2, 2}, {3, 1}, {3, 3}}) {
      var trial = two.ask();
      trial.suggestFloat("x", 0, 1);
      two.tell(trial, v);
    }
    Element front = section(parse(StudyReport.html(two)),
        "Pareto front (objective 0 and objective 1)");
    assertThat(marks(front, "circle", "front")).isEqualTo(2);
    assertThat(marks(front, "circle", "infeasible")).isEqualTo(1);
    assertThat(front.getTextContent()).contains("1 infeasible (hollow, off the front)");
  }

  /** The texts of a chart's axis titles, in document order. */
  private static List<String> axisTitles(Element section) {
    List<String> titles = new java.util.ArrayList<>();
    org.w3c.dom.NodeList texts = section.getElementsByTagName("text");
    for (int i = 0; i < texts.getLength(); i++) {
      Element t = (Element) texts.item(i);
      if (t.getAttribute("class").equals("title")) {
        titles.add(t.getTextContent());
      }
    }
    return titles;
  }

  /** A study maximizing accuracy 0.9, 0.8, 0.85 and minimizing these three sizes. */
  private static Study accuracyAndSize(String name, double... sizes) {
    Study study = Study.builder().name(name)
        .directions(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE).build();
    double[] accuracy = {0.9, 0.8, 0.85};
    for (int i = 0; i < sizes.length; i++) {
      var trial = study.ask();
      trial.suggestFloat("x", 0, 1);
      study.tell(trial, accuracy[i], sizes[i]);
    }
    return study;
  }

  /** A positive objective spanning two decades (a parameter count) gets a log axis. */
  @Test
  void aWideObjectiveGetsALogAxisOnTheParetoFront() throws Exception {
    Study study = accuracyAndSize("wide", 120_000, 12, 600);
    var trials = study.trials();
    assertThat(ParetoPlot.axis(trials, 1)).isInstanceOf(Scale.Log.class);
    assertThat(ParetoPlot.axis(trials, 0)).isInstanceOf(Scale.Linear.class);
    Element front = section(parse(StudyReport.html(study)), "Pareto front (objective 0 and "
        + "objective 1)");
    assertThat(front.getTextContent()).contains("log axis where the values span two decades");
  }

  /** Named objectives title the multi-objective charts and head the table's value columns. */
  @Test
  void metricNamesLabelTheCharts() throws Exception {
    Study study = accuracyAndSize("named", 1200, 100, 600);
    study.setMetricNames("val_accuracy", "parameters");
    Document page = parse(StudyReport.html(study));
    Element front = section(page, "Pareto front (val_accuracy and parameters)");
    assertThat(axisTitles(front)).containsExactly("val_accuracy", "parameters");
    // 100 to 1200 parameters span one decade: a linear axis (12 to 1200 would be log)
    assertThat(front.getTextContent()).doesNotContain("log axis");
    assertThat(axisTitles(section(page, "Optimization history, val_accuracy (maximize)")))
        .containsExactly("trial number", "val_accuracy");
    assertThat(axisTitles(section(page, "Optimization history, parameters (minimize)")))
        .containsExactly("trial number", "parameters");
    // which parameters drive each objective: one importance chart per objective, by its name
    assertThat(section(page, "Parameter importance, val_accuracy").getTextContent())
        .contains("fANOVA of val_accuracy over 3 complete trials");
    assertThat(section(page, "Parameter importance, parameters").getTextContent())
        .contains("fANOVA of parameters over 3 complete trials");
    assertThat(page.getDocumentElement().getTextContent()).contains("metrics:      [val_accuracy, "
        + "parameters]");
  }

  @Test
  void aMultiObjectiveStudyShowsItsHypervolumeHistory() throws Exception {
    Study study = Study.builder().name("hv")
        .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE).build();
    // minimized: (1, -3), (2, -2) dominated by nothing new, (0.5, -1), (3, -0.5) dominated
    double[][] values = {{1, 3}, {2, 4}, {0.5, 1}, {3, 0.5}, {Double.NaN, 1}};
    for (double[] v : values) {
      var trial = study.ask();
      trial.suggestFloat("x", 0, 1);
      if (Double.isNaN(v[0])) {
        study.tell(trial, dev.jtune.trial.TrialState.FAIL);
      } else {
        study.tell(trial, v);
      }
    }

    Document page = parse(StudyReport.html(study));

    Element history = section(page, "Hypervolume history");
    // trials 0, 1 and 2 each enter the front; trial 3 is dominated by trial 1
    assertThat(marks(history, "circle", "front")).isEqualTo(3);
    // reference: 10% of the range beyond the worst, (3 + 0.25, -0.5 + 0.35) minimized, so
    // maximized -0.15; the box starts at the best values (0.5, -4) minimized; the final volume by
    // hand: the front (0.5,-1), (1,-3), (2,-4)
    double[] r = {3.25, -0.15};
    double volume = dev.jtune.study.Hypervolume.of(java.util.List.of(new double[] {0.5, -1},
        new double[] {1, -3}, new double[] {2, -4}), r);
    assertThat(volume).isCloseTo(2.75 * 0.85 + 2.25 * 2 + 1.25 * 1, within());
    double share = volume / ((3.25 - 0.5) * (-0.15 + 4));
    assertThat(history.getTextContent()).contains("4 complete trials")
        .contains("hypervolume " + Html.number(share) + " of the box from the best values (0.5, "
            + "4) to the reference point (3.25, 0.15)").contains("3 trials improved it.");
  }

  @Test
  void theHypervolumeHistoryCopesWithHugeTinyAndConstantObjectives() throws Exception {
    double[][][] studies = {
        {{1, 1e17}, {2, 1e17}, {0.5, 1e17}},                    // a constant objective of 1e17
        {{1e-200, 3e-200}, {2e-200, 2e-200}, {3e-200, 1e-200}},  // tiny values
        {{1e300, -1e300}, {-1e300, 1e300}},                      // a range beyond MAX_VALUE
        {{Double.MAX_VALUE, 0}, {1, 2}, {2, 1}},                 // a penalty of MAX_VALUE
        {{0.1375580688848912, 0.3747831168217073, 0.022342410372891086},   // (review) the last
         {0.13755806888489117, 0.45190988037911045, 0.12501037747487764},  // volume one ulp
         {0.1735023698372175, 0.37478311682170723, 0.3560101945595408}}};  // below the first
    for (double[][] values : studies) {
      StudyDirection[] d = new StudyDirection[values[0].length];
      java.util.Arrays.fill(d, StudyDirection.MINIMIZE);
      Study study = Study.builder().name("hv").directions(d).build();
      for (double[] v : values) {
        var trial = study.ask();
        trial.suggestFloat("x", 0, 1);
        study.tell(trial, v);
      }
      Element history = section(parse(StudyReport.html(study)), "Hypervolume history");
      assertThat(history.getTextContent()).doesNotContain("too large");
      String caption = history.getTextContent();
      java.util.regex.Matcher share = java.util.regex.Pattern
          .compile("hypervolume ([0-9.e-]+) of the box").matcher(caption);
      assertThat(share.find()).as(caption).isTrue();
      assertThat(Double.parseDouble(share.group(1))).as(java.util.Arrays.deepToString(values))
          .isBetween(0.01, 1.0);
      assertThat(caption).doesNotContain("NaN").doesNotContain("nan").doesNotContain("inf");
    }
  }

  @Test
  void anEmptyStudySaysWhatIsMissing() throws Exception {
    Study study = Study.builder().name("empty").build();

    Document page = parse(StudyReport.html(study));

    assertThat(section(page, "Optimization history").getTextContent())
        .contains("No complete trial with a finite value yet.");
    assertThat(section(page, "Parameter importance").getTextContent())
        .contains("Needs two complete trials");
    assertThat(page.getElementsByTagName("svg").getLength()).isZero();
  }

  @Test
  void writeReplacesTheFileWholeAndNamesAPathItCannotWrite() throws Exception {
    Study study = trainingStudy();
    Path file = dir.resolve("report.html");
    Files.writeString(file, "old");

    StudyReport.write(study, file);

    assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(Files.list(dir)).containsExactly(file);
    Path missing = dir.resolve("no/such/dir/report.html");
    assertThatThrownBy(() -> StudyReport.write(study, missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot write the report to " + missing);
  }

  @Test
  void aLogParameterIsDrawnOnALogAxis() {
    String html = StudyReport.html(trainingStudy());
    Matcher lrAxis = Pattern.compile("aria-label=\"lr\">(.*?)</svg>", Pattern.DOTALL)
        .matcher(html);
    assertThat(lrAxis.find()).isTrue();
    assertThat(lrAxis.group(1)).contains(">1e-5<").contains(">1e-3<").contains(">1e-1<");
  }

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void awkwardValuesDrawNoNanAndOddNamesStayText() throws Exception {
    Study study = Study.builder().name("odd").build();
    double[][] cases = {{0.3}, {0.1 + 0.2}, {-1.7e308}, {1.7e308}};
    int i = 0;
    for (double[] v : cases) {
      var trial = study.ask();
      trial.suggestFloat("x \"quoted\"\nline", 0, 1);
      trial.suggestCategorical("choice", java.util.Arrays.asList("😀 emoji label that is long", null,
          Boolean.TRUE));
      trial.report(Integer.MAX_VALUE - i++, v[0]);
      study.tell(trial, v[0]);
    }

    String html = StudyReport.html(study);

    assertThat(html).doesNotContain("NaN").doesNotContain("Infinity");
    parse(html);
  }

  @Test
  void aSliceDotNamesOnlyItsOwnParameter() throws Exception {
    Element slices = section(parse(StudyReport.html(trainingStudy())),
        "Objective value by parameter");
    NodeList titles = slices.getElementsByTagName("title");
    for (int i = 0; i < titles.getLength(); i++) {
      assertThat(titles.item(i).getTextContent().lines()).hasSize(3);
    }
  }

  @Test
  void aReplacedReportKeepsItsPermissionsAndANewOneIsNotPrivate() throws Exception {
    Study study = trainingStudy();
    Path fresh = dir.resolve("fresh.html");
    StudyReport.write(study, fresh);
    assertThat(Files.getPosixFilePermissions(fresh))
        .contains(java.nio.file.attribute.PosixFilePermission.OWNER_READ)
        .as("not owner-only, as a temporary file would be")
        .containsAnyOf(java.nio.file.attribute.PosixFilePermission.GROUP_READ,
            java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    Path shared = dir.resolve("shared.html");
    Files.writeString(shared, "old");
    Files.setPosixFilePermissions(shared,
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
    StudyReport.write(study, shared);
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(shared))).isEqualTo("rw-rw-r--");
  }

  @Test
  void aRunningTrialRunsUntilNowOnTheTimelineAndAWaitingOneIsNotThere() throws Exception {
    Study study = Study.builder().name("live").build();
    var done = study.ask();
    done.suggestFloat("x", 0, 1);
    study.tell(done, 1.0);
    study.ask().suggestFloat("x", 0, 1);
    study.enqueueTrial(java.util.Map.of("x", 0.5));

    Element timeline = section(parse(StudyReport.html(study)), "Timeline");

    assertThat(marks(timeline, "rect", "complete")).isEqualTo(1);
    assertThat(marks(timeline, "rect", "running")).isEqualTo(1);
    assertThat(marks(timeline, "rect", "span")).isEqualTo(2);
  }

  private static dev.jtune.trial.FrozenTrial trial(int number, TrialState state,
      java.time.Instant started, java.time.Instant completed, String reason) {
    return new dev.jtune.trial.FrozenTrial(new dev.jtune.storage.TrialId(number), number, state,
        state == TrialState.COMPLETE ? List.of(1.0) : List.of(), java.util.Map.of(),
        java.util.Map.of(), new java.util.TreeMap<>(), java.util.Map.of(),
        reason == null ? java.util.Map.of()
            : java.util.Map.of(dev.jtune.trial.FrozenTrial.FAIL_REASON, reason),
        started, completed);
  }

  @Test
  void workersWithOtherClocksStayOnTheTimeline() throws Exception {
    java.time.Instant t0 = java.time.Instant.parse("2026-12-07T10:00:00Z");
    List<dev.jtune.trial.FrozenTrial> trials = List.of(
        trial(0, TrialState.COMPLETE, t0, t0.plusSeconds(10), null),
        trial(1, TrialState.COMPLETE, t0.plusSeconds(90), t0.plusSeconds(10), null),
        trial(2, TrialState.RUNNING, t0.plusSeconds(200), null, null),
        trial(3, TrialState.FAIL, java.time.Instant.parse("0001-01-01T00:00:00Z"),
            t0.plusSeconds(5), "\nboom \uFFFF \uD800 <x>"));

    Figure timeline = TimelinePlot.of(trials, t0.plusSeconds(100));
    Figure table = TrialTable.of(trials);

    Document page = parse("<div>" + timeline.svg() + table.svg() + "</div>");
    NodeList rects = page.getElementsByTagName("rect");
    assertThat(rects.getLength()).isEqualTo(4);
    for (int i = 0; i < rects.getLength(); i++) {
      Element r = (Element) rects.item(i);
      double x = Double.parseDouble(r.getAttribute("x"));
      double width = Double.parseDouble(r.getAttribute("width"));
      assertThat(x).isBetween(0.0, (double) Chart.WIDTH);
      assertThat(x + width).isLessThanOrEqualTo(Chart.WIDTH);
    }
    assertThat(table.svg()).contains("boom \uFFFD \uFFFD &lt;x&gt;");
  }

  @Test
  void aReportIsWrittenThroughASymbolicLink() throws Exception {
    Path real = Files.createDirectories(dir.resolve("reports")).resolve("2026.html");
    Files.writeString(real, "old");
    Path link = Files.createSymbolicLink(dir.resolve("latest.html"), real);

    StudyReport.write(trainingStudy(), link);

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).startsWith("<!DOCTYPE html>");
  }

  @Test
  void stateNamesDoNotFollowTheDefaultLocale() throws Exception {
    java.util.Locale before = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
    try {
      String html = StudyReport.html(trainingStudy());
      assertThat(html).contains("class=\"fail\"").doesNotContain("fa\u0131l");
    } finally {
      java.util.Locale.setDefault(before);
    }
  }

  @Test
  void aHeatMapOfValuesSpanningMoreThanMaxValueStillShades() throws Exception {
    Study study = Study.builder().name("wide").sampler(new RandomSampler(2)).build();
    study.optimize(t -> {
      double x = t.suggestFloat("x", 0, 1);
      double y = t.suggestFloat("y", 0, 1);
      return (2 * x - 1) * Double.MAX_VALUE * y;
    }, 80);

    Element contour = section(parse(StudyReport.html(study)),
        "The two most important parameters together");

    NodeList cells = contour.getElementsByTagName("rect");
    java.util.Set<String> shades = new java.util.HashSet<>();
    for (int i = 0; i < cells.getLength(); i++) {
      shades.add(((Element) cells.item(i)).getAttribute("style"));
    }
    assertThat(shades.size()).as("distinct shades").isGreaterThan(10);
  }
}