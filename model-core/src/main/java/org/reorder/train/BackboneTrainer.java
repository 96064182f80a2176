package org.reorder.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.reorder.engine.DeviceBanner;
import org.reorder.model.Backbones;
import org.reorder.model.DifferentiableCast;
import org.reorder.model.EngineRandom;
import org.reorder.model.ModelConfig;
import org.reorder.model.ReorderClassifier;
import org.reorder.model.Scale;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchBatch;

/**
 * A backbone and its optimiser: one training step (normalise, permute, forward, per-image
 * cross-entropy, backward, global-norm clip, AdamW) and evaluation forward passes.
 *
 * <p>Mixed precision: the forward and backward passes compute in float16 on float16 copies of the
 * float32 weights ({@link MixedPrecisionStore}), the loss is scaled ({@link LossScale}), and the
 * update is applied to the float32 weights; the loss and the logits it reads are float32.
 *
 * <p>Randomness inside the engine (dropout) comes from a stream restarted before every step from
 * {@code (seed, step)}, and the initial parameters from {@code seed} ({@link EngineRandom}), so a
 * step's result depends only on the parameters, the optimiser state and its inputs, even with other
 * trainers stepping in other threads of the JVM: that is what makes resumed and distributed runs
 * reproduce a single-process run.
 */
public final class BackboneTrainer implements AutoCloseable {
  private final ModelConfig config;
  private final Model model;
  private final ReorderClassifier block;
  private final List<Pair<String, Parameter>> parameters;
  private final ParameterStore store;
  private final DataType computeType;
  private final LossScale lossScale;
  private final AdamW optimizer;
  private final PixelNormalizer normalizer;
  private final double clipNorm;
  private final long seed;
  private boolean trainedOnce;

  /**
   * Builds and initialises the backbone on {@code device}.
   *
   * @param optimizer configured AdamW (its state lives under the model's manager)
   * @param mixedPrecision compute in float16 with float32 master weights and a scaled loss
   */
  public BackboneTrainer(ModelConfig config, Device device, PixelNormalizer normalizer,
      AdamW.Builder optimizer, double clipNorm, boolean mixedPrecision, long seed) {
    if (normalizer.patchDim() != config.patchDim()) {
      throw new IllegalArgumentException("normaliser expects patchDim " + normalizer.patchDim()
          + ", model has " + config.patchDim());
    }
    this.config = config;
    this.normalizer = normalizer;
    this.clipNorm = clipNorm;
    this.seed = seed;
    this.block = Backbones.build(config);
    this.model = Model.newInstance("reorder-" + config.type().cliName(), device);
    model.setBlock(block);
    EngineRandom.withSeed((int) (Seeds.derive(seed, Seeds.INIT, 0) >>> 33), () -> {
      block.initialize(model.getNDManager(), DataType.FLOAT32,
          new Shape(1, config.numPatches(), config.patchDim()), new Shape(1, config.numPatches()));
      return block;
    });
    this.parameters = block.getParameters().stream().toList();
    this.store = mixedPrecision ? new MixedPrecisionStore(model.getNDManager())
        : new ParameterStore(model.getNDManager(), false);
    this.computeType = mixedPrecision ? MixedPrecisionStore.COMPUTE_TYPE : DataType.FLOAT32;
    this.lossScale = mixedPrecision ? LossScale.dynamic() : LossScale.none();
    this.optimizer = optimizer.build(model.getNDManager());
  }

  /** The backbone's hyper-parameters. */
  public ModelConfig config() {
    return config;
  }

  /** The block's parameters by path name (stable across processes). */
  public List<Pair<String, Parameter>> parameters() {
    return parameters;
  }

  /** Optimizer updates applied so far. */
  public int updates() {
    return optimizer.updates();
  }

  /**
   * One optimisation step on {@code batch}, image {@code i} in the order {@code orders.get(i)}.
   *
   * @param step global step index, seeds the engine's RNG (dropout)
   */
  public StepOutput trainStep(PatchBatch batch, List<Permutation> orders, int step) {
    if (!trainedOnce) { // every run's and every Spark task's log says where it trains
      trainedOnce = true;
      System.err.println("[reorder] " + DeviceBanner.describe(model.getNDManager().getDevice(),
          computeType));
    }
    // PyTorch's grad mode is thread-local and on by default in a new thread (DJL turns it off only
    // on the thread that started the engine); the collector below turns it on for the forward and
    // backward pass and restores it, and the in-place optimiser update must run with it off.
    JniUtils.setGradMode(false);
    EngineRandom.seedThisThread(Seeds.derive(seed, Seeds.ENGINE, step));
    Gradients.zero(parameters);
    StepOutput scored;
    try (NDScope scope = new NDScope();
        ThreadGradients collector = new ThreadGradients()) {
      NDManager manager = model.getNDManager();
      NDArray logits = forward(manager, batch, orders, true);
      NDArray labels = labels(manager, batch);
      NDArray losses = crossEntropy(logits, labels);
      collector.backward(Scale.by(losses.mean(), lossScale.factor()));
      scored = score(logits, labels, losses);
      scope.suppressNotUsedWarning();
    }
    if (!Double.isFinite(scored.meanLoss())) {
      throw new IllegalStateException("loss is " + scored.meanLoss() + " at step " + step
          + "; lower training.lr or check the data");
    }
    double gradNorm = Gradients.clip(parameters, clipNorm, lossScale.factor());
    if (!lossScale.admit(gradNorm)) { // float16 overflow: no update, the next step zeroes
      return new StepOutput(scored.losses(), scored.top1(), scored.top5(), gradNorm, 0, true);
    }
    double lr = optimizer.step(parameters);
    return new StepOutput(scored.losses(), scored.top1(), scored.top5(), gradNorm, lr, false);
  }

  /** Inference on {@code batch} with every image in {@code order}; no parameter changes. */
  public StepOutput evaluate(PatchBatch batch, Permutation order) {
    try (NDScope scope = new NDScope()) {
      NDManager manager = model.getNDManager();
      NDArray logits = forward(manager, batch, Collections.nCopies(batch.size(), order),
          false);
      NDArray labels = labels(manager, batch);
      scope.suppressNotUsedWarning();
      return score(logits, labels, crossEntropy(logits, labels));
    }
  }

  /**
   * Writes the parameters ({@value RunFiles#PARAMS}, DJL's format) and the optimiser state with
   * the loss scale ({@value RunFiles#OPTIMIZER}).
   */
  public void save(Path dir) throws IOException {
    try (OutputStream out = Files.newOutputStream(dir.resolve(RunFiles.PARAMS))) {
      saveParameters(out);
    }
    try (OutputStream out = Files.newOutputStream(dir.resolve(RunFiles.OPTIMIZER))) {
      writeOptimizer(out);
    }
  }

  /** Restores what {@link #save} wrote. */
  public void load(Path dir) throws IOException {
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(dir.resolve(RunFiles.PARAMS))))) {
      block.loadCheckedParameters(model.getNDManager(), in);
    } catch (ai.djl.MalformedModelException | IllegalArgumentException e) {
      throw new IOException("cannot load " + dir.resolve(RunFiles.PARAMS) + " into a "
          + config.type().cliName() + " model (was the checkpoint written with another model "
          + "config?): " + e.getMessage(), e);
    }
    // Loaded arrays are new tensors: mark them as trainable again.
    for (Pair<String, Parameter> p : parameters) {
      if (p.getValue().requiresGradient()) {
        p.getValue().getArray().setRequiresGradient(true);
      }
    }
    try (InputStream in = Files.newInputStream(dir.resolve(RunFiles.OPTIMIZER))) {
      readOptimizer(in);
    }
  }

  /**
   * Writes the parameters in DJL's format ({@value RunFiles#PARAMS}, what {@code reorder eval}
   * and {@link #load} read) to {@code out} (which the caller closes).
   */
  public void saveParameters(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    block.saveParameters(data);
    data.flush();
  }

  /** Writes the optimiser state and the loss scale to {@code out} (which the caller closes). */
  public void writeOptimizer(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    optimizer.save(data);
    lossScale.save(data);
    data.flush();
  }

  /** Replaces the optimiser state and the loss scale with what {@link #writeOptimizer} wrote. */
  public void readOptimizer(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    optimizer.load(data);
    lossScale.load(data);
  }

  /**
   * Writes the parameters named {@code names}, in that order, as a {@link ParameterFile} (float32,
   * exact) to {@code out} (which the caller closes).
   */
  public void writeParameters(OutputStream out, List<String> names) throws IOException {
    ParameterFile.Writer file = new ParameterFile.Writer(new BufferedOutputStream(out, 1 << 16),
        names.size());
    for (String name : names) {
      file.write(name, parameterNamed(name).getArray());
    }
    file.finish();
  }

  /** A copy of parameter {@code name}'s current value. */
  public ParameterFile.Entry parameter(String name) {
    NDArray value = parameterNamed(name).getArray();
    return new ParameterFile.Entry(name, value.getShape(), value.toFloatArray());
  }

  /**
   * Sets every parameter a {@link ParameterFile} on {@code in} holds, in place.
   *
   * @param source names the file in error messages
   * @throws IOException naming {@code source} and the parameter when a name or shape does not fit
   *     this model
   */
  public void readParameters(InputStream in, String source) throws IOException {
    ParameterFile.Reader file = new ParameterFile.Reader(in, source);
    while (file.remaining() > 0) {
      ParameterFile.Entry e = file.next();
      try {
        setParameter(e);
      } catch (IllegalArgumentException bad) {
        throw new IOException(source + ": " + bad.getMessage(), bad);
      }
    }
  }

  /** Overwrites parameter {@code e.name()} with {@code e.values()}, in place. */
  public void setParameter(ParameterFile.Entry e) {
    NDArray value = parameterNamed(e.name()).getArray();
    if (!value.getShape().equals(e.shape())) {
      throw new IllegalArgumentException("parameter " + e.name() + " has shape " + e.shape()
          + ", the config's model expects " + value.getShape());
    }
    JniUtils.setGradMode(false); // an in-place write to a leaf that requires gradients
    value.set(FloatBuffer.wrap(e.values()));
  }

  private Parameter parameterNamed(String name) {
    for (Pair<String, Parameter> p : parameters) {
      if (p.getKey().equals(name)) {
        return p.getValue();
      }
    }
    throw new IllegalArgumentException("the " + config.type().cliName() + " model has no "
        + "parameter " + name);
  }

  @Override
  public void close() {
    optimizer.close();
    model.close();
  }

  private NDArray forward(NDManager manager, PatchBatch batch, List<Permutation> orders,
      boolean training) {
    if (orders.size() != batch.size()) {
      throw new IllegalArgumentException(
          orders.size() + " orders for a batch of " + batch.size() + " images");
    }
    int n = batch.numPatches();
    long[] slots = new long[batch.size() * n];
    for (int i = 0; i < orders.size(); i++) {
      Permutation pi = orders.get(i);
      for (int k = 0; k < n; k++) {
        slots[i * n + k] = pi.patchAt(k);
      }
    }
    NDArray patches = normalizer.normalize(manager, batch)
        .toDevice(model.getNDManager().getDevice(), false).toType(computeType, false);
    NDArray order = manager.create(slots, new Shape(batch.size(), n));
    NDArray logits = block.forward(store, new NDList(patches, order), training).singletonOrThrow();
    return DifferentiableCast.to(logits, DataType.FLOAT32);
  }

  private static NDArray labels(NDManager manager, PatchBatch batch) {
    long[] labels = new long[batch.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = batch.labels()[i];
    }
    return manager.create(labels, new Shape(labels.length, 1));
  }

  /** Per-image cross-entropy {@code [B]} of logits {@code [B, C]} against labels {@code [B, 1]}. */
  private static NDArray crossEntropy(NDArray logits, NDArray labels) {
    return logits.logSoftmax(1).gather(labels, 1).neg().reshape(-1);
  }

  /** Per-image losses and top-1/top-5 hits; gradient norm and learning rate are left NaN. */
  private StepOutput score(NDArray logits, NDArray labels, NDArray losses) {
    int b = (int) logits.getShape().get(0);
    int k = Math.min(5, config.numClasses());
    // [B, k] indices of the k largest logits, best first
    long[] top = logits.topK(k, 1, true, true).get(1).toType(DataType.INT64, false).toLongArray();
    long[] truth = labels.toLongArray();
    boolean[] top1 = new boolean[b];
    boolean[] top5 = new boolean[b];
    for (int i = 0; i < b; i++) {
      top1[i] = top[i * k] == truth[i];
      for (int j = 0; j < k; j++) {
        top5[i] |= top[i * k + j] == truth[i];
      }
    }
    float[] l = losses.toType(DataType.FLOAT32, false).toFloatArray();
    double[] perImage = new double[b];
    for (int i = 0; i < b; i++) {
      perImage[i] = l[i];
    }
    return new StepOutput(perImage, top1, top5, Double.NaN, Double.NaN, false);
  }
}
