package dev.jtune.sampler.gp;

import dev.jtune.space.SearchSpace;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScratchH6Test {
  static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
  static final double[][] A = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
  static final double[][] P = {{1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991}, {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};
  static final double[] XOPT = {0.20168951204387886, 0.15001069021286353, 0.47687397232918893, 0.2753324294252449, 0.3116516159557494, 0.657300532687062};
  static double h6(double[] x) {
    double s = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < 6; j++) inner += A[i][j] * Math.pow(x[j] - P[i][j] * 1e-4, 2);
      s -= ALPHA[i] * Math.exp(-inner);
    }
    return s;
  }
  @Test
  void run() {
    long seed = Long.getLong("seed", 0);
    Study study = Study.builder().name("h6").direction(StudyDirection.MINIMIZE).sampler(new GpSampler(seed)).build();
    study.optimize(t -> {
      double[] x = new double[6];
      for (int i = 0; i < 6; i++) x[i] = t.suggestFloat("x" + i, 0, 1);
      return h6(x);
    }, 60);
    List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
    SearchSpace space = GpSampler.jointSpace(complete);
    GpSpace gs = new GpSpace(space);
    int n = complete.size(), d = 6;
    double[] x = new double[n * d], y = new double[n];
    for (int i = 0; i < n; i++) { gs.encode(complete.get(i).internalParams(), complete.get(i).distributions(), x, i); y[i] = -complete.get(i).value(); }
    GpSampler.standardize(y);
    double best = java.util.Arrays.stream(y).max().getAsDouble();
    KernelFit.Hyperparameters h = new KernelFit(x, y, n, new boolean[d], false).fit(List.of(KernelFit.Hyperparameters.defaults(d)), 200, 1e-2);
    GaussianProcess gp = GaussianProcess.condition(x, y, n, new Kernel(h.inverseSquaredLengthScales(), h.scale(), new boolean[d]), h.noise());
    AcquisitionFunction acq = new AcquisitionFunction.LogExpectedImprovement(best);
    GaussianProcess.Prediction p = gp.predict(XOPT);
    System.err.println("best std y " + best + " ls " + java.util.Arrays.toString(new Kernel(h.inverseSquaredLengthScales(), h.scale(), new boolean[d]).lengthScales()) + " scale " + h.scale() + " noise " + h.noise());
    System.err.println("at x*: mean " + p.mean() + " sd " + Math.sqrt(p.variance()) + " logEI " + acq.value(p.mean(), p.variance()));
    AcquisitionOptimizer.Optimum o = new AcquisitionOptimizer(gp, acq, gs).maximize(1024, 6, List.of(), new SplittableRandom(1));
    GaussianProcess.Prediction q = gp.predict(o.x());
    System.err.println("opt " + java.util.Arrays.toString(o.x()) + " mean " + q.mean() + " sd " + Math.sqrt(q.variance()) + " logEI " + o.value());
    // y distribution
    double[] sorted = y.clone(); java.util.Arrays.sort(sorted);
    System.err.println("y quantiles " + sorted[0] + " " + sorted[n/4] + " " + sorted[n/2] + " " + sorted[3*n/4] + " " + sorted[n-1]);
    System.err.println("best regret " + (study.bestValue() + 3.322368011415515));
  }
}
