package org.reorder.policy;

import java.io.IOException;
import java.nio.file.Path;

/**
 * REINFORCE for the policy logits: a momentum reward baseline, the policy-gradient loss {@code
 * mean_i(-A_i log P(pi_i))}, L2-norm clipping and AdamW, on the driver (or in a single-process
 * trainer).
 *
 * <p>One step: images are scored with advantages {@code A_i = r_i - b} from the current baseline
 * ({@link #advantages} or {@link #baseline()} shipped with the policy snapshot), their {@link
 * ReinforceStats} are merged, and {@link #step} turns the total into one update of the logits and
 * then moves the baseline {@code b <- beta b + (1 - beta) mean(r)}. With {@link
 * BaselineStart#FIRST} the first step only sets {@code b} to its mean reward.
 *
 * <p>Mutable, single-threaded; {@link #policy()} returns an immutable snapshot.
 */
public final class ReinforceOptimizer {
  /** Added to the norm before dividing, as torch.nn.utils.clip_grad_norm_ does. */
  private static final double CLIP_EPS = 1e-6;

  private final ReinforceConfig config;
  private final double[] logits;
  private final double[] firstMoment;
  private final double[] secondMoment;
  private long step;
  private double baseline;
  private boolean baselineSet;
  private PlackettLucePolicy policy;
  private double lastLoss = Double.NaN;
  private double lastGradNorm = Double.NaN;

  /**
   * A fresh optimizer: zero moments, step 0, baseline 0 (not yet set with {@link
   * BaselineStart#FIRST}).
   *
   * @param config with its learning rate resolved ({@link ReinforceConfig#resolve})
   */
  public ReinforceOptimizer(ReinforceConfig config, PlackettLucePolicy initial) {
    this(config, initial.logits(), new double[initial.size()], new double[initial.size()], 0, 0,
        config.baselineStart() == BaselineStart.ZERO);
  }

  /** Restores a saved state (see {@link PolicyCheckpoint}); arrays are copied. */
  ReinforceOptimizer(
      ReinforceConfig config,
      double[] logits,
      double[] firstMoment,
      double[] secondMoment,
      long step,
      double baseline,
      boolean baselineSet) {
    if (config.autoLearningRate()) {
      throw new IllegalArgumentException(
          "the policy learning rate is automatic; resolve it for the policy phase first");
    }
    this.config = config;
    this.policy = PlackettLucePolicy.ofLogits(logits);
    this.logits = logits.clone();
    this.firstMoment = firstMoment.clone();
    this.secondMoment = secondMoment.clone();
    this.step = step;
    this.baseline = baseline;
    this.baselineSet = baselineSet;
  }

  /** Loads an optimizer saved by {@link #save}. */
  public static ReinforceOptimizer load(Path file) throws IOException {
    return PolicyCheckpoint.read(file).toOptimizer();
  }

  /** Writes the whole state (config, logits, moments, step, baseline) as JSON. */
  public void save(Path file) throws IOException {
    PolicyCheckpoint.of(this).write(file);
  }

  /** {@code r_i - b} with the current (not yet updated) baseline. */
  public double[] advantages(double[] rewards) {
    double[] out = new double[rewards.length];
    for (int i = 0; i < rewards.length; i++) {
      out[i] = rewards[i] - baseline;
    }
    return out;
  }

  /**
   * One update from the merged statistics of this step's images: gradient {@code g = -(sum_i A_i
   * grad log P(pi_i)) / count}, clipped to norm {@link ReinforceConfig#clipNorm()}, an AdamW step
   * in PyTorch's order (decay {@code z *= 1 - lr wd}, then {@code z -= lr mHat / (sqrt(vHat) +
   * eps)}), then the baseline update with the statistics' mean reward.
   *
   * @throws IllegalArgumentException if the statistics are empty or of another size
   */
  public void step(ReinforceStats stats) {
    int n = logits.length;
    if (stats.size() != n) {
      throw new IllegalArgumentException(
          "statistics are for " + stats.size() + " patches, policy has " + n);
    }
    if (stats.count() == 0) {
      throw new IllegalArgumentException("cannot take a policy step from 0 images");
    }
    if (!baselineSet) {
      // this step's advantages were taken against a baseline that had seen no reward
      baseline = stats.meanReward();
      baselineSet = true;
      lastLoss = Double.NaN;
      lastGradNorm = Double.NaN;
      return;
    }
    double[] grad = stats.sumAdvantageGrad();
    double norm = 0;
    for (int j = 0; j < n; j++) {
      grad[j] = -grad[j] / stats.count();
      norm += grad[j] * grad[j];
    }
    norm = Math.sqrt(norm);
    double clip = config.clipNorm() / (norm + CLIP_EPS);
    if (clip < 1) {
      for (int j = 0; j < n; j++) {
        grad[j] *= clip;
      }
    }
    step++;
    double lr = config.learningRate();
    double b1 = config.beta1();
    double b2 = config.beta2();
    double biasCorrection1 = 1 - Math.pow(b1, step);
    double sqrtBiasCorrection2 = Math.sqrt(1 - Math.pow(b2, step));
    double decay = 1 - lr * config.weightDecay();
    for (int j = 0; j < n; j++) {
      logits[j] *= decay;
      firstMoment[j] = b1 * firstMoment[j] + (1 - b1) * grad[j];
      secondMoment[j] = b2 * secondMoment[j] + (1 - b2) * grad[j] * grad[j];
      double denom = Math.sqrt(secondMoment[j]) / sqrtBiasCorrection2 + config.epsilon();
      logits[j] -= lr / biasCorrection1 * (firstMoment[j] / denom);
    }
    policy = PlackettLucePolicy.ofLogits(logits);
    lastLoss = -stats.sumAdvantageLogProb() / stats.count();
    lastGradNorm = norm;
    double beta = config.baselineMomentum();
    baseline = beta * baseline + (1 - beta) * stats.meanReward();
  }

  /** The current policy (an immutable snapshot). */
  public PlackettLucePolicy policy() {
    return policy;
  }

  /** The hyper-parameters. */
  public ReinforceConfig config() {
    return config;
  }

  /** The reward baseline b that the next step's advantages must use. */
  public double baseline() {
    return baseline;
  }

  /** Whether the baseline holds rewards yet ({@link BaselineStart#FIRST} sets it on step 1). */
  public boolean baselineSet() {
    return baselineSet;
  }

  /** Number of AdamW steps taken (a step that only set the baseline is not one). */
  public long stepCount() {
    return step;
  }

  /** A copy of AdamW's first moment (per patch). */
  public double[] firstMoment() {
    return firstMoment.clone();
  }

  /** A copy of AdamW's second moment (per patch). */
  public double[] secondMoment() {
    return secondMoment.clone();
  }

  /** The policy loss {@code mean_i(-A_i log P(pi_i))} of the last step (NaN before any). */
  public double lastLoss() {
    return lastLoss;
  }

  /** The L2 norm of the last step's gradient before clipping (NaN before any). */
  public double lastGradNorm() {
    return lastGradNorm;
  }
}
