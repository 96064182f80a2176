package org.reorder.train;

import ai.djl.Device;
import java.util.Collections;
import java.util.List;
import org.reorder.config.ExperimentConfig;
import org.reorder.config.ReinforceSection;
import org.reorder.config.TrainingSection;
import org.reorder.order.Orders;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchBatch;
import org.reorder.policy.PlackettLucePolicy;
import org.reorder.policy.ReinforceConfig;
import org.reorder.policy.ReinforceStats;
import org.reorder.policy.TemperatureSchedule;

/**
 * What an experiment does at each global step, as pure functions of the config and the step: its
 * phase, the Gumbel temperature, the prior order, the backbone with its learning-rate schedule, and
 * the step itself given a policy snapshot. {@link Curriculum} (one process) and the distributed
 * rounds of spark-jobs (each task with its own copy of the policy) both drive their steps through
 * this one class and update the policy after every policy-phase step, so they cannot drift apart.
 */
public final class CurriculumPlan {
  private final ExperimentConfig config;
  private final TrainingSection training;
  private final ReinforceSection reinforce;
  private final int stepsPerEpoch;
  private final int totalSteps;
  private final Permutation prior;
  private final TemperatureSchedule temperatures;
  private final ReinforceConfig policyConfig;

  /**
   * What one step did.
   *
   * @param output the backbone step's per-image results
   * @param stats REINFORCE statistics (policy phase only; null otherwise)
   * @param phase the step's phase
   * @param temperature the Gumbel temperature used (NaN outside the policy phase)
   */
  public record StepResult(StepOutput output, ReinforceStats stats, Phase phase,
      double temperature) {}

  /** The plan of {@code config} with {@code stepsPerEpoch} training steps per epoch. */
  public CurriculumPlan(ExperimentConfig config, int stepsPerEpoch) {
    if (stepsPerEpoch < 1) {
      throw new IllegalArgumentException("an epoch needs at least 1 step, got " + stepsPerEpoch);
    }
    this.config = config;
    this.training = config.training();
    this.reinforce = config.reinforce();
    this.stepsPerEpoch = stepsPerEpoch;
    this.totalSteps = training.epochs() * stepsPerEpoch;
    int side = config.gridSide();
    this.prior = Orders.resolve(training.order(), side, side, training.seed());
    this.temperatures = reinforce.policy().schedule(stepsPerEpoch);
    this.policyConfig = reinforce.policy().resolve(
        Math.max(1, (reinforce.stopAfter() - reinforce.startAfter()) * stepsPerEpoch));
  }

  /**
   * The policy optimizer's settings for this run: {@code reinforce.policy} with an automatic
   * learning rate resolved for the policy phase's steps.
   */
  public ReinforceConfig policyConfig() {
    return policyConfig;
  }

  /** The experiment. */
  public ExperimentConfig config() {
    return config;
  }

  public int stepsPerEpoch() {
    return stepsPerEpoch;
  }

  public int totalSteps() {
    return totalSteps;
  }

  /** The configured (prior) order: fixed-order runs and REOrder's warm-up. */
  public Permutation prior() {
    return prior;
  }

  /** Whether the run learns an order (REOrder) rather than keeping the prior. */
  public boolean learnsOrder() {
    return reinforce.enabled();
  }

  /** The policy a REOrder run starts from (null in fixed-order runs). */
  public PlackettLucePolicy initialPolicy() {
    return learnsOrder() ? PlackettLucePolicy.initFrom(prior, reinforce.policy().initVariant())
        : null;
  }

  /** The phase of the steps of {@code epoch}. */
  public Phase phase(int epoch) {
    if (!learnsOrder()) {
      return Phase.FIXED;
    }
    if (epoch < reinforce.startAfter()) {
      return Phase.WARMUP;
    }
    return epoch < reinforce.stopAfter() ? Phase.POLICY : Phase.FINETUNE;
  }

  /** The phase of global step {@code step}. */
  public Phase phaseOfStep(int step) {
    return phase(step / stepsPerEpoch);
  }

  /** The Gumbel temperature of global step {@code step} (NaN outside the policy phase). */
  public double temperature(int step) {
    if (phaseOfStep(step) != Phase.POLICY) {
      return Double.NaN;
    }
    int phaseStep = step - reinforce.startAfter() * stepsPerEpoch;
    int phaseSteps = (reinforce.stopAfter() - reinforce.startAfter()) * stepsPerEpoch;
    return temperatures.temperature(phaseStep, phaseSteps);
  }

  /** Whether the run validates after epoch {@code epoch}: every training.eval_every_epochs, and the last. */
  public boolean validatesAfter(int epoch) {
    return epoch == training.epochs() - 1 || (epoch + 1) % training.evalEveryEpochs() == 0;
  }

  /** The order validation uses after {@code epoch}: the prior, or {@code policy}'s mode. */
  public Permutation validationOrder(int epoch, PlackettLucePolicy policy) {
    return learnsOrder() && epoch >= reinforce.startAfter() ? policy.mode() : prior;
  }

  /** A freshly initialised backbone (parameters from the seed) with its configured AdamW. */
  public BackboneTrainer newModel(Device device) {
    return new BackboneTrainer(config.modelConfig(), device,
        new PixelNormalizer(config.data().mean(), config.data().std(), config.model().patchSize()),
        AdamW.builder().setLearningRateTracker(learningRateSchedule())
            .optBeta1((float) training.beta1()).optBeta2((float) training.beta2())
            .optEpsilon((float) training.eps()).optWeightDecay((float) training.weightDecay()),
        training.gradClipNorm(), training.mixedPrecision(), training.seed());
  }

  /**
   * Runs global step {@code step} on {@code batch}. In the policy phase the orders are sampled from
   * {@code policy} with the step's temperature and the statistics use {@code baseline}; the caller
   * applies them (right away, or merged over a round). {@code policy} may be null in fixed runs.
   */
  public StepResult step(BackboneTrainer model, PatchBatch batch, int step,
      PlackettLucePolicy policy, double baseline) {
    Phase phase = phaseOfStep(step);
    return switch (phase) {
      // Fixed-order runs and REOrder's warm-up: every image in the configured (prior) order.
      case FIXED, WARMUP -> new StepResult(model.trainStep(batch, same(prior, batch), step), null,
          phase, Double.NaN);
      // Policy phase: sample orders from PL(z, tau(step)), train the backbone on them, reward
      // each image with its negative loss, and sum the REINFORCE statistics.
      case POLICY -> {
        double temperature = temperature(step);
        PolicyPhaseStep.Result r = PolicyPhaseStep.run(model, batch, policy, baseline,
            temperature, policyConfig, reinforce.reward(), training.seed(), step);
        yield new StepResult(r.output(), r.stats(), phase, temperature);
      }
      // Fine-tuning: the policy's mode, frozen (the logits no longer change).
      case FINETUNE -> new StepResult(model.trainStep(batch, same(policy.mode(), batch), step),
          null, phase, Double.NaN);
    };
  }

  /** Warm-up then cosine; with {@code flat-until-policy-end}, flat until the policy phase ends. */
  private LearningRateSchedule learningRateSchedule() {
    int warmup = (int) Math.round(training.warmupEpochs() * stepsPerEpoch);
    int flatUntil = warmup;
    if (training.lrSchedule().equals(TrainingSection.FLAT_UNTIL_POLICY_END)
        && reinforce.enabled()) {
      flatUntil = Math.max(warmup, reinforce.stopAfter() * stepsPerEpoch);
    }
    return new LearningRateSchedule(training.lr(), training.minLrRatio(), warmup,
        Math.min(flatUntil, totalSteps), totalSteps);
  }

  private static List<Permutation> same(Permutation order, PatchBatch batch) {
    return Collections.nCopies(batch.size(), order);
  }
}
