package org.reorder.sweep;

import org.reorder.config.ConfigException;
import org.reorder.config.ConfigNode;

/**
 * {@code runtime:} of a sweep file: how the runs are distributed, kept apart from the model and
 * training hyper-parameters (which live in the experiment config). Nothing here changes what a run
 * computes except {@code steps_per_round} and {@code replicas}, whose effect docs/distributed.md
 * describes.
 *
 * @param stepsPerRound K: steps each task trains between two policy updates / weight averages
 * @param replicas R: data-parallel replicas per run, each on its own shard of the training data
 * @param keepCheckpoints committed rounds kept per run (older ones are deleted)
 * @param residentReplicas replica states an executor keeps in memory between rounds, so a task
 *     that lands where its replica's previous round ran skips the restore; each holds a model and
 *     its optimizer (about 1 GB at ViT-B size); 0 restores every round from the checkpoint
 * @param runDir the run directory (local path, hdfs:// or s3a://)
 */
public record SweepRuntime(int stepsPerRound, int replicas, int keepCheckpoints,
    int residentReplicas, String runDir) {
  /**
   * Default K: keeps a round's fixed work under 5 % of its steps at ViT-B size on a GPU
   * (docs/distributed.md, "Round length").
   */
  public static final int DEFAULT_STEPS_PER_ROUND = 1000;
  /** Default resident replica states per executor: two runs (or replicas) alternating on one. */
  public static final int DEFAULT_RESIDENT_REPLICAS = 2;

  public SweepRuntime {
    positive("runtime.steps_per_round", stepsPerRound);
    positive("runtime.replicas", replicas);
    positive("runtime.keep_checkpoints", keepCheckpoints);
    if (residentReplicas < 0) {
      throw ConfigException.at("runtime.resident_replicas", "must be >= 0, got "
          + residentReplicas);
    }
    if (runDir == null || runDir.isBlank()) {
      throw ConfigException.at("runtime.run_dir", "is required (or pass --run-dir)");
    }
  }

  /** Settings with the default number of resident replica states. */
  public SweepRuntime(int stepsPerRound, int replicas, int keepCheckpoints, String runDir) {
    this(stepsPerRound, replicas, keepCheckpoints, DEFAULT_RESIDENT_REPLICAS, runDir);
  }

  private static void positive(String key, int value) {
    if (value < 1) {
      throw ConfigException.at(key, "must be >= 1, got " + value);
    }
  }

  /** The same settings in another run directory. */
  public SweepRuntime withRunDir(String dir) {
    return new SweepRuntime(stepsPerRound, replicas, keepCheckpoints, residentReplicas, dir);
  }

  static SweepRuntime read(ConfigNode n, String defaultRunDir) {
    return new SweepRuntime(
        n.integer("steps_per_round", DEFAULT_STEPS_PER_ROUND),
        n.integer("replicas", 1),
        n.integer("keep_checkpoints", 2),
        n.integer("resident_replicas", DEFAULT_RESIDENT_REPLICAS),
        n.string("run_dir", defaultRunDir));
  }
}
