package org.reorder.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.reorder.config.ConfigException;
import org.reorder.config.ExperimentConfig;
import org.reorder.order.Orders;
import org.reorder.order.Permutation;
import org.reorder.policy.PolicyCheckpoint;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.Checkpoints;
import org.reorder.train.RunFiles;
import org.reorder.train.RunState;

/**
 * A trained model as the driver finds it through Hadoop's FileSystem API (local, HDFS, s3a): the
 * checkpoint directory the trainer wrote ({@code model.params}, {@code state.json}, {@code
 * policy.json} for REOrder runs) and the run's {@code config.yaml}, which holds the backbone's
 * hyper-parameters and normalisation (checkpoints do not repeat them).
 *
 * <p>{@code modelDir} is either a checkpoint ({@code RUN_DIR/checkpoints/step-NNNNNNNN}, its
 * config read from the checkpoint itself if present, else from {@code RUN_DIR/config.yaml}) or a
 * run directory (its newest checkpoint).
 *
 * @param checkpoint the checkpoint directory
 * @param params its parameter file
 * @param paramsModified modification time of {@code params}, part of the executors' cache key
 * @param configYaml the run's resolved config, as written by the trainer
 * @param config {@code configYaml} parsed
 * @param state the checkpoint's loop position, if it has one
 * @param policyMode the policy's mode (argsort of the logits) for REOrder runs
 */
public record ModelSource(
    String checkpoint,
    String params,
    long paramsModified,
    String configYaml,
    ExperimentConfig config,
    Optional<RunState> state,
    Optional<Permutation> policyMode) {

  /** The order of {@link #order}: what the run itself validated this checkpoint with. */
  public static final String RUN_ORDER = "run";
  /** The order of {@link #order}: the policy's mode. */
  public static final String LEARNED_ORDER = "learned";
  /** The order of {@link #order}: the run's configured (prior) order. */
  public static final String PRIOR_ORDER = "prior";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Finds the checkpoint and config of {@code modelDir}; errors name the path that is missing. */
  public static ModelSource resolve(String modelDir, Configuration conf) {
    try {
      Path given = new Path(modelDir);
      FileSystem fs = given.getFileSystem(conf);
      // Qualified (scheme and authority), so the same model has one name in the executors' cache.
      Path dir = fs.makeQualified(given);
      Path checkpoint = fs.exists(new Path(dir, RunFiles.PARAMS)) ? dir
          : newestCheckpoint(fs, dir);
      Path configFile = new Path(checkpoint, RunFiles.CONFIG);
      if (!fs.exists(configFile)) {
        Path runDir = checkpoint.getParent() == null ? null : checkpoint.getParent().getParent();
        Path runConfig = runDir == null ? null : new Path(runDir, RunFiles.CONFIG);
        if (runConfig == null || !fs.exists(runConfig)) {
          throw new IllegalArgumentException("modelDir " + modelDir + ": found no " + RunFiles.CONFIG
              + " in the checkpoint " + checkpoint + " or in its run directory " + runDir
              + " (the trainer writes RUN_DIR/" + RunFiles.CONFIG + ")");
        }
        configFile = runConfig;
      }
      String yaml = read(fs, configFile);
      ExperimentConfig config;
      try {
        config = ExperimentConfig.parse(yaml, configFile.toString(), "run", List.of());
      } catch (ConfigException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      Path state = new Path(checkpoint, RunFiles.STATE);
      Path policy = new Path(checkpoint, RunFiles.POLICY);
      Path params = new Path(checkpoint, RunFiles.PARAMS);
      return new ModelSource(checkpoint.toString(), params.toString(),
          fs.getFileStatus(params).getModificationTime(), yaml, config,
          fs.exists(state) ? Optional.of(readState(fs, state)) : Optional.empty(),
          fs.exists(policy) ? Optional.of(PolicyCheckpoint.fromJson(read(fs, policy),
              policy.toString()).toOptimizer().policy().mode()) : Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException("modelDir " + modelDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The order to feed patches in: {@value #RUN_ORDER} (the policy's mode once the run's policy
   * phase has begun, else its prior), {@value #LEARNED_ORDER}, {@value #PRIOR_ORDER}, an order
   * name or {@code custom:...}; a random order uses the run's seed.
   */
  public Permutation order(String spec) {
    int side = config.gridSide();
    return switch (spec.strip()) {
      case RUN_ORDER -> runUsesPolicy() ? policyMode.orElseThrow() : prior();
      case LEARNED_ORDER -> policyMode.orElseThrow(() -> new IllegalArgumentException(
          "checkpoint " + checkpoint + " has no " + RunFiles.POLICY
              + " (a fixed-order run); use 'prior' or an order name"));
      case PRIOR_ORDER -> prior();
      default -> Orders.resolve(spec, side, side, config.training().seed());
    };
  }

  /** Whether the run validated this checkpoint with the policy's mode (see Curriculum). */
  private boolean runUsesPolicy() {
    if (policyMode.isEmpty() || !config.reinforce().enabled()) {
      return false;
    }
    // state.epoch is the epoch of the next step; checkpoints are written after a whole epoch.
    int lastEpoch = state.map(s -> s.epoch() - 1).orElse(config.training().epochs() - 1);
    return lastEpoch >= config.reinforce().startAfter();
  }

  private Permutation prior() {
    int side = config.gridSide();
    return Orders.resolve(config.training().order(), side, side, config.training().seed());
  }

  private static Path newestCheckpoint(FileSystem fs, Path runDir) throws IOException {
    Path root = new Path(runDir, RunFiles.CHECKPOINTS);
    if (!fs.exists(root)) {
      throw new IllegalArgumentException("modelDir " + runDir + " is neither a checkpoint (no "
          + RunFiles.PARAMS + ") nor a run directory (no " + RunFiles.CHECKPOINTS + "/)");
    }
    FileStatus[] all = fs.listStatus(root);
    Optional<Path> newest = Arrays.stream(all).filter(FileStatus::isDirectory)
        .map(FileStatus::getPath)
        .filter(p -> p.getName().matches(Checkpoints.NAME_PATTERN))
        .filter(p -> exists(fs, new Path(p, RunFiles.STATE))
            && exists(fs, new Path(p, RunFiles.PARAMS)))
        .max(Comparator.comparing(Path::getName));
    return newest.orElseThrow(() -> new IllegalArgumentException(
        "modelDir " + runDir + ": " + root + " holds no complete checkpoint"));
  }

  private static boolean exists(FileSystem fs, Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + p, e);
    }
  }

  private static String read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      throw new IOException(file + " does not exist", e);
    }
  }

  private static RunState readState(FileSystem fs, Path file) throws IOException {
    try {
      return JSON.readValue(read(fs, file), RunState.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
