package org.reorder.train;

/**
 * The file names of a run directory, in one place for every writer and reader. {@code reorder
 * train} writes one run directory; {@code reorder sweep} a sweep directory whose {@code runs/}
 * hold one per run.
 *
 * <pre>
 * RUN/config.yaml                         the resolved experiment
 * RUN/metrics.jsonl                       reorder train: one line per logged step and validation
 * RUN/metrics/round-NNNNNN.jsonl          sweeps: the lines of each committed round
 * RUN/summary.json                        the final validation (RunSummary)
 * RUN/checkpoints/step-NNNNNNNN/          reorder train: model.params, optimizer.bin,
 *                                         policy.json (REOrder), state.json, validation.json
 * RUN/checkpoints/round-NNNNNN/           sweeps: model-sSSS.params (the replica mean, sharded),
 *                                         optimizer-rRRR.bin (per replica), policy.json,
 *                                         state.json, manifest.json, _COMMITTED
 * RUN/final/                              sweeps: model.params, config.yaml, state.json,
 *                                         policy.json (a model directory reorder eval loads)
 * RUN/learned-order.json                  sweeps, REOrder runs: start, learned order, logits
 * SWEEP/sweep.yaml, SWEEP/runs/RUN/, SWEEP/tables/, SWEEP/report/
 * </pre>
 */
public final class RunFiles {
  public static final String CONFIG = "config.yaml";
  public static final String METRICS = "metrics.jsonl";
  /** A sweep run's metrics: a directory with one file per committed round. */
  public static final String ROUND_METRICS = "metrics";
  public static final String SUMMARY = "summary.json";
  public static final String CHECKPOINTS = "checkpoints";
  /** DJL parameters of a model ({@code reorder train} checkpoints and a sweep's final model). */
  public static final String PARAMS = "model.params";
  public static final String OPTIMIZER = "optimizer.bin";
  public static final String POLICY = "policy.json";
  public static final String STATE = "state.json";
  /** {@code reorder train} checkpoints: every validation so far ({@code ValidationHistory}). */
  public static final String VALIDATION = "validation.json";
  public static final String FINAL = "final";
  public static final String LEARNED_ORDER = "learned-order.json";
  public static final String SWEEP = "sweep.yaml";
  public static final String RUNS = "runs";
  public static final String TABLES = "tables";
  public static final String ACCURACY_TABLE = "accuracy.parquet";
  public static final String ACCURACY_JSON = "accuracy.json";
  public static final String METRICS_TABLE = "metrics.parquet";
  public static final String REPORT = "report";
  /** A round checkpoint's list of files with their sizes and checksums. */
  public static final String MANIFEST = "manifest.json";
  /** Written last: a round checkpoint without it was never committed. */
  public static final String COMMITTED = "_COMMITTED";

  private RunFiles() {}

  /** A sweep run's metrics file of round {@code round}, inside {@link #ROUND_METRICS}. */
  public static String roundMetrics(int round) {
    return String.format("round-%06d.jsonl", round);
  }

  /** Shard {@code shard} of a round checkpoint's parameters. */
  public static String paramsShard(int shard) {
    return String.format("model-s%03d.params", shard);
  }

  /** Replica {@code replica}'s optimizer state in a round checkpoint. */
  public static String replicaOptimizer(int replica) {
    return String.format("optimizer-r%03d.bin", replica);
  }
}
