package org.reorder.train;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.reorder.config.ExperimentConfig;
import org.reorder.config.ReinforceSection;
import org.reorder.config.TrainingSection;
import org.reorder.data.DataSplits;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchBatch;
import org.reorder.policy.PlackettLucePolicy;
import org.reorder.policy.ReinforceOptimizer;

/**
 * One experiment in one process, epoch by epoch: a fixed-order run, or REOrder's curriculum —
 * warm-up with the prior order, the policy phase (orders sampled from a Plackett-Luce policy that
 * learns by REINFORCE from the backbone's per-image losses), then fine-tuning with the policy's
 * frozen mode. Validation uses the prior order before the policy phase and the policy's mode from
 * its first epoch on.
 *
 * <p>Every validation is kept ({@link ValidationHistory}, carried in each checkpoint), and the
 * summary reports the final and the best epoch's.
 *
 * <p>Start a run with {@link #start}, continue one from its newest checkpoint with {@link #resume};
 * the run owns the data it is given and closes it with itself. Both write into the run directory:
 * {@code config.yaml}, {@code metrics.jsonl}, {@code checkpoints/} and, at the end, {@code
 * summary.json}.
 */
public final class Curriculum implements AutoCloseable {
  private final ExperimentConfig config;
  private final TrainingSection training;
  private final ReinforceSection reinforceConfig;
  private final DataSplits data;
  private final Path runDir;
  private final BackboneTrainer model;
  private ReinforceOptimizer reinforce; // null in fixed-order runs
  private final CurriculumPlan plan;
  private final Permutation prior;
  private final int stepsPerEpoch;
  private final int totalSteps;
  private final Checkpoints checkpoints;
  private final MetricsLog metrics;
  private final Progress progress;
  private final TrainingWindow window = new TrainingWindow();
  private int step;
  private ValidationHistory history = new ValidationHistory();
  private boolean validatedSinceResume;

  private Curriculum(ExperimentConfig config, DataSplits data, Path runDir, Device device,
      int startStep) {
    this.config = config;
    this.training = config.training();
    this.reinforceConfig = config.reinforce();
    this.data = data;
    this.runDir = runDir;
    this.plan = new CurriculumPlan(config, data.train().stepsPerEpoch());
    this.stepsPerEpoch = plan.stepsPerEpoch();
    this.totalSteps = plan.totalSteps();
    this.step = startStep;
    this.prior = plan.prior();
    this.model = plan.newModel(device);
    this.reinforce = plan.learnsOrder()
        ? new ReinforceOptimizer(plan.policyConfig(), plan.initialPolicy())
        : null;
    this.checkpoints = new Checkpoints(runDir, training.keepCheckpoints());
    this.metrics = new MetricsLog(runDir.resolve(RunFiles.METRICS));
    this.progress = new Progress(config.runtime().progress() ? System.err : nullStream(),
        startStep, totalSteps, config.runtime().progressIntervalSeconds(), System::nanoTime);
  }

  /** A new run in {@code runDir} (which must not hold checkpoints yet). */
  public static Curriculum start(ExperimentConfig config, DataSplits data, Path runDir,
      Device device) throws IOException {
    try {
      if (new Checkpoints(runDir, 1).latest().isPresent()) {
        throw new IllegalStateException(runDir + " already holds a run; resume it or pick another "
            + "output directory");
      }
      Files.createDirectories(runDir);
      Files.writeString(runDir.resolve(RunFiles.CONFIG), config.resolvedYaml());
      return new Curriculum(config, data, runDir, device, 0);
    } catch (IOException | RuntimeException e) {
      data.close();
      throw e;
    }
  }

  /** Continues the run in {@code runDir} from its newest checkpoint, exactly. */
  public static Curriculum resume(ExperimentConfig config, DataSplits data, Path runDir,
      Device device) throws IOException {
    Curriculum c;
    Path checkpoint;
    RunState state;
    try {
      checkpoint = new Checkpoints(runDir, 1).latest().orElseThrow(() ->
          new IllegalStateException(runDir + " has no checkpoint to resume from"));
      state = Checkpoints.readState(checkpoint);
      if (state.stepsPerEpoch() != data.train().stepsPerEpoch() || state.seed()
          != config.training().seed()) {
        throw new IllegalStateException("checkpoint " + checkpoint + " was written with "
            + state.stepsPerEpoch() + " steps per epoch and seed " + state.seed() + "; this "
            + "config gives " + data.train().stepsPerEpoch() + " and " + config.training().seed());
      }
      c = new Curriculum(config, data, runDir, device, state.step());
    } catch (IOException | RuntimeException e) {
      data.close();
      throw e;
    }
    try {
      c.model.load(checkpoint);
      c.history = ValidationHistory.read(checkpoint.resolve(RunFiles.VALIDATION));
      if (c.reinforce != null) {
        c.reinforce = ReinforceOptimizer.load(checkpoint.resolve(RunFiles.POLICY));
      }
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    c.progress.note("resumed from " + checkpoint + " at step " + state.step());
    return c;
  }

  /**
   * Trains to the end, validates, checkpoints and writes {@code summary.json} with the final and
   * the best epoch's validation.
   */
  public RunSummary run() throws IOException {
    runUntil(totalSteps);
    if (!validatedSinceResume) {
      evaluate(training.epochs() - 1); // resumed from the final checkpoint
    }
    RunSummary summary = RunSummary.of(config.name(), step, totalSteps, validationOrder(
        totalSteps == 0 ? 0 : training.epochs() - 1).toArray(), history,
        reinforce == null ? null : reinforce.policy().logits());
    summary.write(runDir.resolve(RunFiles.SUMMARY));
    return summary;
  }

  /** Trains until {@code lastStep} steps are done (or the run ends), checkpointing on the way. */
  public void runUntil(int lastStep) throws IOException {
    int stop = Math.min(lastStep, totalSteps);
    while (step < stop) {
      int epoch = step / stepsPerEpoch;
      trainStep(epoch, data.train().batch(epoch, step % stepsPerEpoch));
      step++;
      if (step % stepsPerEpoch == 0) {
        endOfEpoch(epoch);
      }
    }
  }

  /** One step of the phase {@code epoch} is in (see {@link CurriculumPlan#step}). */
  private void trainStep(int epoch, PatchBatch batch) {
    // The policy is updated by REINFORCE right away, every step (a distributed run merges the
    // statistics of a round over workers before one such update).
    double baseline = reinforce == null ? 0 : reinforce.baseline();
    CurriculumPlan.StepResult r = plan.step(model, batch, step,
        reinforce == null ? null : reinforce.policy(), baseline);
    Phase phase = r.phase();
    StepOutput out = r.output();
    double temperature = r.temperature();
    if (r.stats() != null) {
      reinforce.step(r.stats());
      window.addPolicy(r.stats().meanReward(), reinforce.lastLoss(), baseline);
    }
    window.add(out);
    int done = step + 1;
    if (done % training.logEverySteps() == 0 || done == totalSteps) {
      metrics.write(window.line(done, epoch, phase, out.lr(), temperature, reinforce)
          .put("images_per_s", progress.imagesPerSecond())
          .put("elapsed_s", progress.elapsedSeconds()));
      window.reset();
    }
    progress.step(done, epoch, training.epochs(), batch.size(), phase.cliName(),
        String.format(Locale.ROOT, "loss %.4f acc %.3f lr %.2e", out.meanLoss(),
            out.top1Accuracy(), out.lr()), done == totalSteps);
  }

  /** Validation and checkpoint at the end of an epoch, as configured. */
  private void endOfEpoch(int epoch) throws IOException {
    boolean last = epoch == training.epochs() - 1;
    if (plan.validatesAfter(epoch)) {
      evaluate(epoch);
    }
    int every = training.checkpointEveryEpochs();
    if (last || (every > 0 && (epoch + 1) % every == 0)) {
      saveCheckpoint();
    }
  }

  /**
   * Validates with the order of {@code epoch}'s validation (prior, or the policy's mode), logs it
   * and adds it to the history.
   */
  private void evaluate(int epoch) {
    Permutation order = validationOrder(epoch);
    Evaluation e = Evaluation.run(model, data.val(), order, training.bootstrapSamples(),
        Seeds.derive(training.seed(), Seeds.BOOTSTRAP, epoch));
    metrics.write(e.metricsLine(step, epoch, phase(epoch), order.toString()));
    progress.note(String.format(Locale.ROOT,
        "epoch %d validation: top-1 %.4f ± %.4f, top-5 %.4f ± %.4f, loss %.4f (%s order)",
        epoch + 1, e.top1(), e.top1Se(), e.top5(), e.top5Se(), e.loss(),
        reinforce != null && epoch >= reinforceConfig.startAfter() ? "policy mode" : "prior"));
    history.add(new ValidationHistory.Entry(epoch, phase(epoch).cliName(), e));
    validatedSinceResume = true;
  }

  /** Writes a checkpoint of the current step (model, optimiser, policy, position). */
  public Path saveCheckpoint() throws IOException {
    RunState state = new RunState(RunState.FORMAT_VERSION, step, step / stepsPerEpoch,
        step % stepsPerEpoch, stepsPerEpoch, training.seed(),
        phase(Math.min(step / stepsPerEpoch, training.epochs() - 1)).cliName(),
        reinforce == null ? 0 : reinforce.baseline());
    return checkpoints.save(state, dir -> {
      model.save(dir);
      history.write(dir.resolve(RunFiles.VALIDATION));
      if (reinforce != null) {
        reinforce.save(dir.resolve(RunFiles.POLICY));
      }
    });
  }

  /** The order validation uses after {@code epoch}: the prior, or the policy's mode. */
  public Permutation validationOrder(int epoch) {
    return plan.validationOrder(epoch, reinforce == null ? null : reinforce.policy());
  }

  /** The phase of the steps of {@code epoch}. */
  public Phase phase(int epoch) {
    return plan.phase(epoch);
  }

  /** Steps completed. */
  public int step() {
    return step;
  }

  /** Steps of the whole run. */
  public int totalSteps() {
    return totalSteps;
  }

  /** The backbone and its optimiser. */
  public BackboneTrainer model() {
    return model;
  }

  /** The current policy (null in fixed-order runs). */
  public PlackettLucePolicy policy() {
    return reinforce == null ? null : reinforce.policy();
  }

  /** Every validation so far, in epoch order. */
  public ValidationHistory history() {
    return history;
  }

  /** The prior (fixed) order. */
  public Permutation prior() {
    return prior;
  }

  @Override
  public void close() {
    metrics.close();
    model.close();
    data.close();
  }

  private static java.io.PrintStream nullStream() {
    return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
  }
}
