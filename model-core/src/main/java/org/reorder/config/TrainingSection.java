package org.reorder.config;

import java.util.List;

/**
 * {@code training:} the backbone's optimisation, schedule, order and bookkeeping.
 *
 * @param epochs total epochs over the training split
 * @param batchSize images per training step (the last partial batch of an epoch is dropped)
 * @param evalBatchSize images per validation forward pass
 * @param lr peak learning rate of AdamW
 * @param minLrRatio the cosine ends at {@code minLrRatio * lr}
 * @param warmupEpochs linear warm-up length (from 0 to lr), in epochs
 * @param lrSchedule {@code cosine} (warm-up then cosine, the paper) or {@code
 *     flat-until-policy-end} (warm-up, flat at lr until the policy phase ends, then cosine; the
 *     reference code's REOrder runs)
 * @param weightDecay decoupled AdamW weight decay
 * @param beta1 AdamW first-moment decay
 * @param beta2 AdamW second-moment decay
 * @param eps AdamW epsilon
 * @param gradClipNorm global gradient-norm clip; 0 turns clipping off
 * @param mixedPrecision compute in float16 with float32 master weights and dynamic loss scaling
 *     (DJL's PyTorch engine has no bfloat16)
 * @param seed seed of every random choice of the run (init, dropout, shuffling, policy samples)
 * @param order scan order of fixed-order runs and of the REOrder warm-up (the prior): an order
 *     name or {@code custom:<list or file>}
 * @param evalEveryEpochs validate every this many epochs (and always after the last)
 * @param checkpointEveryEpochs write a checkpoint every this many epochs (and after the last); 0
 *     writes only the final one
 * @param keepCheckpoints how many checkpoints to keep (older ones are deleted)
 * @param logEverySteps write a metrics line every this many steps
 * @param bootstrapSamples resamples for the standard error of validation accuracy
 */
public record TrainingSection(
    int epochs,
    int batchSize,
    int evalBatchSize,
    double lr,
    double minLrRatio,
    double warmupEpochs,
    String lrSchedule,
    double weightDecay,
    double beta1,
    double beta2,
    double eps,
    double gradClipNorm,
    boolean mixedPrecision,
    long seed,
    String order,
    int evalEveryEpochs,
    int checkpointEveryEpochs,
    int keepCheckpoints,
    int logEverySteps,
    int bootstrapSamples) {

  public static final String COSINE = "cosine";
  public static final String FLAT_UNTIL_POLICY_END = "flat-until-policy-end";
  public static final List<String> LR_SCHEDULES = List.of(COSINE, FLAT_UNTIL_POLICY_END);

  public TrainingSection {
    Checks.positive("training.epochs", epochs);
    Checks.positive("training.batch_size", batchSize);
    Checks.positive("training.eval_batch_size", evalBatchSize);
    Checks.positive("training.lr", lr);
    Checks.inHalfOpen("training.min_lr_ratio", minLrRatio, 0, 1.000001);
    Checks.nonNegative("training.warmup_epochs", warmupEpochs);
    if (warmupEpochs > epochs) {
      throw ConfigException.at(
          "training.warmup_epochs",
          "must be <= training.epochs (" + epochs + "), got " + warmupEpochs);
    }
    Checks.oneOf("training.lr_schedule", lrSchedule, LR_SCHEDULES);
    Checks.nonNegative("training.weight_decay", weightDecay);
    Checks.inHalfOpen("training.beta1", beta1, 0, 1);
    Checks.inHalfOpen("training.beta2", beta2, 0, 1);
    Checks.positive("training.eps", eps);
    Checks.nonNegative("training.grad_clip_norm", gradClipNorm);
    Checks.present("training.order", order);
    Checks.positive("training.eval_every_epochs", evalEveryEpochs);
    Checks.nonNegative("training.checkpoint_every_epochs", checkpointEveryEpochs);
    Checks.positive("training.keep_checkpoints", keepCheckpoints);
    Checks.positive("training.log_every_steps", logEverySteps);
    Checks.positive("training.bootstrap_samples", bootstrapSamples);
  }

  static TrainingSection read(ConfigNode n) {
    int batch = n.integer("batch_size", 64);
    return new TrainingSection(
        n.integer("epochs", 100),
        batch,
        n.integer("eval_batch_size", batch),
        n.number("lr", 1e-4),
        n.number("min_lr_ratio", 0.01),
        n.number("warmup_epochs", 5),
        n.string("lr_schedule", COSINE),
        n.number("weight_decay", 0.03),
        n.number("beta1", 0.9),
        n.number("beta2", 0.999),
        n.number("eps", 1e-8),
        n.number("grad_clip_norm", 5.0),
        n.bool("mixed_precision", false),
        n.integer("seed", 42),
        n.string("order", "row"),
        n.integer("eval_every_epochs", 1),
        n.integer("checkpoint_every_epochs", 1),
        n.integer("keep_checkpoints", 2),
        n.integer("log_every_steps", 10),
        n.integer("bootstrap_samples", 1000));
  }
}
