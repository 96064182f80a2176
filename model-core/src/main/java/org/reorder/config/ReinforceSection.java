package org.reorder.config;

import java.util.List;
import org.reorder.policy.BaselineStart;
import org.reorder.policy.Granularity;
import org.reorder.policy.InitVariant;
import org.reorder.policy.ReinforceConfig;
import org.reorder.policy.ScoreFunction;
import org.reorder.policy.TemperatureSchedule;

/**
 * {@code reinforce:} the REOrder curriculum and its policy. Disabled, the run keeps {@code
 * training.order} throughout (a fixed-order run).
 *
 * @param enabled run the REOrder curriculum
 * @param startAfter {@code start_after}: epochs of warm-up with the prior order before the policy
 *     phase (the paper: 15)
 * @param stopAfter {@code stop_after}: the epoch at which the policy phase ends and the mode is
 *     frozen (the paper: 45, i.e. a 30-epoch policy phase)
 * @param reward {@code xent} (r = -cross-entropy per image) or {@code binary} (+1 correct, -1
 *     wrong)
 * @param policy the policy and its optimizer's settings: {@code preset} ({@code default} or
 *     {@code paper}, docs/policy.md), then each key given; {@code policy_lr: auto} (the default
 *     preset's) is resolved for the policy phase by {@code CurriculumPlan}
 */
public record ReinforceSection(
    boolean enabled, int startAfter, int stopAfter, String reward, ReinforceConfig policy) {

  public static final String XENT = "xent";
  public static final String BINARY = "binary";
  public static final List<String> REWARDS = List.of(XENT, BINARY);

  public ReinforceSection {
    Checks.nonNegative("reinforce.start_after", startAfter);
    if (stopAfter <= startAfter) {
      throw ConfigException.at("reinforce.stop_after",
          "must be > reinforce.start_after (" + startAfter + "), got " + stopAfter);
    }
    Checks.oneOf("reinforce.reward", reward, REWARDS);
    Checks.present("reinforce.policy", policy);
  }

  /** The value of {@code policy_lr} that derives it from {@code policy_travel}. */
  public static final String AUTO = "auto";

  static ReinforceSection read(ConfigNode n) {
    String presetName = n.string("preset", ReinforceConfig.DEFAULT);
    Checks.oneOf(n.key("preset"), presetName, ReinforceConfig.PRESETS);
    ReinforceConfig d = ReinforceConfig.preset(presetName);
    double lr = learningRate(n, d);
    double travel = Checks.positive(n.key("policy_travel"),
        n.number("policy_travel", d.travel()));
    double beta1 = Checks.inHalfOpen(n.key("policy_beta1"), n.number("policy_beta1", d.beta1()), 0, 1);
    double beta2 = Checks.inHalfOpen(n.key("policy_beta2"), n.number("policy_beta2", d.beta2()), 0, 1);
    double eps = Checks.positive(n.key("policy_eps"), n.number("policy_eps", d.epsilon()));
    double wd = Checks.nonNegative(n.key("policy_weight_decay"),
        n.number("policy_weight_decay", d.weightDecay()));
    double clip = Checks.positive(n.key("policy_grad_clip"), n.number("policy_grad_clip", d.clipNorm()));
    double momentum = Checks.inHalfOpen(n.key("baseline_momentum"),
        n.number("baseline_momentum", d.baselineMomentum()), 0, 1.0000001);
    InitVariant init = ModelSection.named(n.key("policy_init"),
        () -> InitVariant.fromName(n.string("policy_init", d.initVariant().cliName())));
    Granularity granularity = ModelSection.named(n.key("granularity"),
        () -> Granularity.fromName(n.string("granularity", d.granularity().cliName())));
    String schedule = ModelSection.named(n.key("policy_gumbel_temp_scheduler"),
        () -> TemperatureSchedule.Shape.fromName(
            n.string("policy_gumbel_temp_scheduler", d.temperatureSchedule())).cliName());
    double peak = Checks.nonNegative(n.key("policy_gumbel_temp"),
        n.number("policy_gumbel_temp", d.peakTemperature()));
    ScoreFunction score = ModelSection.named(n.key("policy_score"),
        () -> ScoreFunction.fromName(n.string("policy_score", d.score().cliName())));
    BaselineStart baselineStart = ModelSection.named(n.key("baseline_start"),
        () -> BaselineStart.fromName(n.string("baseline_start", d.baselineStart().cliName())));
    return new ReinforceSection(
        n.bool("enabled", false),
        n.integer("start_after", 15),
        n.integer("stop_after", 45),
        n.string("reward", XENT),
        new ReinforceConfig(lr, beta1, beta2, eps, wd, clip, momentum, init, granularity, schedule,
            peak, travel, score, baselineStart));
  }

  /** {@code policy_lr}: a number > 0, or {@code auto} (0 in the config, resolved later). */
  private static double learningRate(ConfigNode n, ReinforceConfig preset) {
    String text = n.string("policy_lr", preset.autoLearningRate() ? AUTO
        : Double.toString(preset.learningRate()));
    if (text.trim().equalsIgnoreCase(AUTO)) {
      return 0;
    }
    double lr;
    try {
      lr = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw ConfigException.at(n.key("policy_lr"), "must be a number > 0 or auto, got '" + text
          + "'");
    }
    return Checks.positive(n.key("policy_lr"), lr);
  }
}
