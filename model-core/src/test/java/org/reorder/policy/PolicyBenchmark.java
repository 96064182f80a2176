package org.reorder.policy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.reorder.order.Permutation;

/**
 * Times one policy step's per-order work on a single thread: Gumbel-top-k sampling, log-prob and
 * gradient, at N = 196 (224px / 16px ViT), 4096 and 65536 patches. The baseline, measured in the
 * same run, is the textbook O(N^2) log-prob + gradient ({@link NaivePlackettLuce}) at 196 and 4096.
 * Not a test: run it with
 *
 * <pre>
 * mvn -B -q -pl model-core test-compile exec:java -Dexec.mainClass=org.reorder.policy.PolicyBenchmark \
 *     -Dexec.classpathScope=test
 * </pre>
 *
 * It prints a Markdown table: medians of timed repeats (thread CPU time) after a warm-up.
 */
public final class PolicyBenchmark {
  private static final int[] SIZES = {196, 4096, 65536};
  private static final int NAIVE_MAX = 4096;
  private static final int REPEATS = 15;
  /** Each repeat runs the operation for at least this much CPU time, to beat timer noise. */
  private static final long MIN_REPEAT_NANOS = 20_000_000;

  private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

  /** Sink for results, so the JIT cannot drop the work. */
  private static double sink;

  private PolicyBenchmark() {}

  public static void main(String[] args) {
    System.out.println("| N | sample ms | logProb ms | grad ms | sample+logProb+grad ms "
        + "| fused step ms | naive logProb+grad ms | naive / fast (logProb+grad) |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    double[] totals = new double[SIZES.length];
    for (int s = 0; s < SIZES.length; s++) {
      int n = SIZES[s];
      SplittableRandom rng = new SplittableRandom(n);
      double[] z = PlackettLucePolicyTest.randomLogits(rng, n, 1);
      PlackettLucePolicy policy = PlackettLucePolicy.ofLogits(z);
      Permutation pi = policy.sample(rng, 1);
      double sample = median(() -> policy.sample(rng, 1).patchAt(0));
      double logProb = median(() -> policy.logProb(pi));
      double grad = median(() -> policy.gradLogProb(pi)[0]);
      double total = median(() -> {
        Permutation p = policy.sample(rng, 1);
        return policy.logProb(p) + policy.gradLogProb(p)[0];
      });
      double[] acc = new double[n];
      double fused = median(() -> policy.accumulateGradLogProb(policy.sample(rng, 1), 1, acc));
      totals[s] = total;
      String naiveCols = "| - | - |";
      if (n <= NAIVE_MAX) {
        double naive = median(
            () -> NaivePlackettLuce.logProb(z, pi) + NaivePlackettLuce.gradLogProb(z, pi)[0]);
        naiveCols = String.format("| %.3f | %.0fx |", naive, naive / (logProb + grad));
      }
      System.out.printf("| %d | %.4f | %.4f | %.4f | %.4f | %.4f %s%n",
          n, sample, logProb, grad, total, fused, naiveCols);
    }
    for (int s = 1; s < SIZES.length; s++) {
      double nRatio = (double) SIZES[s] / SIZES[s - 1];
      double nLogNRatio = nRatio * Math.log(SIZES[s]) / Math.log(SIZES[s - 1]);
      System.out.printf("scaling %d -> %d: time x%.1f (N x%.1f, N log N x%.1f, N^2 x%.0f)%n",
          SIZES[s - 1], SIZES[s], totals[s] / totals[s - 1], nRatio, nLogNRatio,
          nRatio * nRatio);
    }
    System.out.println("(sink " + (sink == 42 ? "!" : ".") + ")");
  }

  /**
   * Median over {@link #REPEATS} repeats of the CPU time per call, in ms, after a warm-up. CPU time
   * of this thread rather than wall time, because the machine is shared: other processes then
   * inflate the numbers less (they still compete for caches).
   */
  private static double median(Supplier<Number> op) {
    long calls = 1;
    for (int i = 0; i < 10; i++) {
      // warm-up, which also sizes a repeat to take at least MIN_REPEAT_NANOS
      long t = cpuTime(op, calls);
      calls = Math.max(calls, (long) Math.ceil(calls * (double) MIN_REPEAT_NANOS / Math.max(t, 1)));
    }
    double[] ms = new double[REPEATS];
    for (int r = 0; r < REPEATS; r++) {
      ms[r] = cpuTime(op, calls) / 1e6 / calls;
    }
    Arrays.sort(ms);
    return ms[REPEATS / 2];
  }

  private static long cpuTime(Supplier<Number> op, long calls) {
    long start = THREAD.getCurrentThreadCpuTime();
    for (long c = 0; c < calls; c++) {
      sink += op.get().doubleValue();
    }
    return THREAD.getCurrentThreadCpuTime() - start;
  }
}
