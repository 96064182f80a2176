package org.reorder.policy;

import java.util.List;
import java.util.Locale;

/**
 * Hyper-parameters of the policy and its REINFORCE optimizer. Two named sets: {@link #paper()},
 * the paper's (AdamW 0.9/0.999, eps 1e-8, weight decay 0.03 at lr 1e-5, gradient norm clipped at
 * 5, baseline momentum 0.99 from 0, the untempered score, one order per batch, a per-step triangle
 * temperature peaking at 0.2), and {@link #defaults()}, which differ where docs/policy.md measured
 * the paper's not to help without tuning: the learning rate from the policy phase's length, the
 * score of the sampled distribution, the baseline from the first rewards, a decaying temperature.
 *
 * @param learningRate AdamW step size, {@code > 0}; 0 = derived from {@code travel} and the
 *     number of policy steps by {@link #resolve} (the paper: 1e-5, 1e-4 for Transformer-XL)
 * @param beta1 first-moment decay, in [0, 1)
 * @param beta2 second-moment decay, in [0, 1)
 * @param epsilon added to the second-moment root, {@code > 0}
 * @param weightDecay decoupled weight decay, {@code >= 0}
 * @param clipNorm the policy gradient's L2 norm is scaled down to at most this, {@code > 0}
 * @param baselineMomentum {@code beta} in {@code b <- beta b + (1 - beta) mean(r)}, in [0, 1]
 * @param initVariant how the prior scan becomes logits
 * @param granularity one order per batch or per image
 * @param temperatureSchedule a {@link TemperatureSchedule.Shape} name
 * @param peakTemperature the schedule's peak, {@code >= 0}
 * @param travel with {@code learningRate} 0: how far, in units of the initial logit range (1),
 *     AdamW could move a logit over the policy phase if its gradient never changed sign; {@code
 *     > 0}
 * @param score whose log-probability REINFORCE differentiates
 * @param baselineStart where the reward baseline starts
 */
public record ReinforceConfig(
    double learningRate,
    double beta1,
    double beta2,
    double epsilon,
    double weightDecay,
    double clipNorm,
    double baselineMomentum,
    InitVariant initVariant,
    Granularity granularity,
    String temperatureSchedule,
    double peakTemperature,
    double travel,
    ScoreFunction score,
    BaselineStart baselineStart) {

  /** Names of the presets ({@link #preset}). */
  public static final String DEFAULT = "default";
  public static final String PAPER = "paper";
  public static final List<String> PRESETS = List.of(DEFAULT, PAPER);

  /** {@code travel} of both presets (used where {@code policy_lr} is {@code auto}). */
  public static final double DEFAULT_TRAVEL = 4.0;

  /** Validates every field, naming it in the error. */
  public ReinforceConfig {
    if (learningRate != 0) {
      requirePositive("learningRate", learningRate);
    }
    requirePositive("travel", travel);
    requireUnitInterval("beta1", beta1, false);
    requireUnitInterval("beta2", beta2, false);
    requirePositive("epsilon", epsilon);
    requireNonNegative("weightDecay", weightDecay);
    requirePositive("clipNorm", clipNorm);
    requireUnitInterval("baselineMomentum", baselineMomentum, true);
    if (initVariant == null) {
      throw new IllegalArgumentException("initVariant must be set");
    }
    if (granularity == null) {
      throw new IllegalArgumentException("granularity must be set");
    }
    if (temperatureSchedule == null) {
      throw new IllegalArgumentException("temperatureSchedule must be set");
    }
    temperatureSchedule = TemperatureSchedule.Shape.fromName(temperatureSchedule).cliName();
    requireNonNegative("peakTemperature", peakTemperature);
    if (score == null) {
      throw new IllegalArgumentException("score must be set");
    }
    if (baselineStart == null) {
      throw new IllegalArgumentException("baselineStart must be set");
    }
  }

  /**
   * The defaults: the paper's optimizer and initialisation, with the learning rate derived from the
   * policy phase (travel 4: a logit could cross the whole initial ramp four times), the score of
   * the sampled distribution, the baseline from the first rewards, and a temperature falling
   * linearly from 0.5 (half the ramp) to 0. Why, and what was measured: docs/policy.md.
   */
  public static ReinforceConfig defaults() {
    return new ReinforceConfig(
        0, 0.9, 0.999, 1e-8, 0.03, 5.0, 0.99, InitVariant.MODE, Granularity.BATCH, "linear",
        0.5, DEFAULT_TRAVEL, ScoreFunction.SAMPLED, BaselineStart.FIRST);
  }

  /** The paper's settings (see the class comment). */
  public static ReinforceConfig paper() {
    return new ReinforceConfig(
        1e-5, 0.9, 0.999, 1e-8, 0.03, 5.0, 0.99, InitVariant.MODE, Granularity.BATCH, "triangle",
        0.2, DEFAULT_TRAVEL, ScoreFunction.UNTEMPERED, BaselineStart.ZERO);
  }

  /**
   * The preset named {@code name}: {@code default} or {@code paper}.
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static ReinforceConfig preset(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case DEFAULT -> defaults();
      case PAPER -> paper();
      default -> throw new IllegalArgumentException(
          "unknown policy preset '" + name + "'; known: " + String.join(", ", PRESETS));
    };
  }

  /** Whether the learning rate is still to be derived from the policy phase ({@link #resolve}). */
  public boolean autoLearningRate() {
    return learningRate == 0;
  }

  /**
   * This config for a policy phase of {@code policySteps} optimizer steps: an automatic learning
   * rate becomes {@code travel / policySteps} (Adam moves a logit by at most about lr per step);
   * an explicit one is kept.
   */
  public ReinforceConfig resolve(int policySteps) {
    if (policySteps < 1) {
      throw new IllegalArgumentException("a policy phase needs >= 1 step, got " + policySteps);
    }
    return autoLearningRate() ? withLearningRate(travel / policySteps) : this;
  }

  /** This config with another learning rate. */
  public ReinforceConfig withLearningRate(double lr) {
    return new ReinforceConfig(lr, beta1, beta2, epsilon, weightDecay, clipNorm,
        baselineMomentum, initVariant, granularity, temperatureSchedule, peakTemperature, travel,
        score, baselineStart);
  }

  /** This config with another weight decay. */
  public ReinforceConfig withWeightDecay(double wd) {
    return new ReinforceConfig(learningRate, beta1, beta2, epsilon, wd, clipNorm,
        baselineMomentum, initVariant, granularity, temperatureSchedule, peakTemperature, travel,
        score, baselineStart);
  }

  /**
   * The temperature whose score REINFORCE differentiates when orders were drawn at {@code
   * temperature}: that temperature itself ({@link ScoreFunction#SAMPLED}) or 1 (untempered).
   */
  public double scoreTemperature(double temperature) {
    return score == ScoreFunction.SAMPLED ? temperature : 1;
  }

  /** The temperature schedule for a phase whose epochs have {@code stepsPerEpoch} steps. */
  public TemperatureSchedule schedule(int stepsPerEpoch) {
    return TemperatureSchedule.of(temperatureSchedule, peakTemperature, stepsPerEpoch);
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
    }
  }

  private static void requireNonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
    }
  }

  private static void requireUnitInterval(String name, double value, boolean closed) {
    if (!(value >= 0) || (closed ? value > 1 : value >= 1)) {
      throw new IllegalArgumentException(
          name + " must be in [0, 1" + (closed ? "]" : ")") + ", got " + value);
    }
  }
}
