package org.reorder.config;

import java.util.List;
import org.reorder.policy.Granularity;
import org.reorder.policy.InitVariant;
import org.reorder.policy.ReinforceConfig;
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
 * @param policy the policy and its optimizer's settings
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

  static ReinforceSection read(ConfigNode n) {
    ReinforceConfig d = ReinforceConfig.defaults();
    double lr = Checks.positive(n.key("policy_lr"), n.number("policy_lr", d.learningRate()));
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
    return new ReinforceSection(
        n.bool("enabled", false),
        n.integer("start_after", 15),
        n.integer("stop_after", 45),
        n.string("reward", XENT),
        new ReinforceConfig(lr, beta1, beta2, eps, wd, clip, momentum, init, granularity, schedule,
            peak));
  }
}
