package org.reorder.policy;

/**
 * Hyper-parameters of the policy and its REINFORCE optimizer. Defaults ({@link #defaults()}) are
 * the paper's: AdamW (0.9, 0.999, eps 1e-8, weight decay 0.03) at lr 1e-5, policy-gradient norm
 * clipped at 5, baseline momentum 0.99, mode-preserving init, one order per batch, a per-step
 * triangle temperature peaking at 0.2.
 *
 * @param learningRate AdamW step size, {@code > 0} (the paper uses 1e-4 for Transformer-XL)
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
    double peakTemperature) {

  /** Validates every field, naming it in the error. */
  public ReinforceConfig {
    requirePositive("learningRate", learningRate);
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
  }

  /** The paper's settings (see the class comment). */
  public static ReinforceConfig defaults() {
    return new ReinforceConfig(
        1e-5, 0.9, 0.999, 1e-8, 0.03, 5.0, 0.99, InitVariant.MODE, Granularity.BATCH, "triangle",
        0.2);
  }

  /** This config with another learning rate. */
  public ReinforceConfig withLearningRate(double lr) {
    return new ReinforceConfig(lr, beta1, beta2, epsilon, weightDecay, clipNorm,
        baselineMomentum, initVariant, granularity, temperatureSchedule, peakTemperature);
  }

  /** This config with another weight decay. */
  public ReinforceConfig withWeightDecay(double wd) {
    return new ReinforceConfig(learningRate, beta1, beta2, epsilon, wd, clipNorm,
        baselineMomentum, initVariant, granularity, temperatureSchedule, peakTemperature);
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
