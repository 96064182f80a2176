package org.reorder.infer;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.reorder.model.Backbones;
import org.reorder.model.ModelConfig;
import org.reorder.model.ReorderClassifier;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchBatch;
import org.reorder.train.PixelNormalizer;

/**
 * A backbone for inference only: built from its {@link ModelConfig}, parameters read from a
 * trainer checkpoint's {@code model.params} stream, no optimiser state.
 *
 * <p>Input: a {@link PatchBatch} of uint8 patches {@code [B, N, C*p*p]} and one order for the whole
 * batch; output: {@link Predictions} holding log-probabilities {@code [B, numClasses]}. The forward
 * pass is the trainer's evaluation pass (same normalisation, same permutation input, {@code
 * training=false}), so predictions equal {@code BackboneTrainer.evaluate}'s.
 *
 * <p>{@link #predict} may be called from several threads at once: the parameters are only read,
 * and every call creates and closes its own arrays and parameter store.
 */
public final class InferenceModel implements AutoCloseable {
  private final ModelConfig config;
  private final PixelNormalizer normalizer;
  private final Model model;
  private final ReorderClassifier block;

  private InferenceModel(ModelConfig config, PixelNormalizer normalizer, Device device) {
    if (normalizer.patchDim() != config.patchDim()) {
      throw new IllegalArgumentException("normaliser expects patchDim " + normalizer.patchDim()
          + ", model has " + config.patchDim());
    }
    this.config = config;
    this.normalizer = normalizer;
    this.block = Backbones.build(config);
    this.model = Model.newInstance("reorder-eval-" + config.type().cliName(), device);
    model.setBlock(block);
    // Same input shapes as the trainer, so every shape-dependent parameter exists before loading.
    block.initialize(model.getNDManager(), DataType.FLOAT32,
        new Shape(1, config.numPatches(), config.patchDim()), new Shape(1, config.numPatches()));
  }

  /**
   * Builds the backbone on {@code device} and reads its parameters from {@code params} (the
   * content of a checkpoint's {@code model.params}); {@code source} names the stream in errors.
   */
  public static InferenceModel load(ModelConfig config, PixelNormalizer normalizer,
      InputStream params, String source, Device device) throws IOException {
    InferenceModel m = new InferenceModel(config, normalizer, device);
    try {
      m.block.loadCheckedParameters(m.model.getNDManager(),
          new DataInputStream(new BufferedInputStream(params)));
      for (Pair<String, Parameter> p : m.block.getParameters()) {
        // PyTorch's grad mode is per thread and on in threads the engine did not start on
        // (Spark's task threads): parameters that need no gradient keep forwards from recording.
        p.getValue().getArray().setRequiresGradient(false);
      }
      return m;
    } catch (MalformedModelException | RuntimeException e) {
      m.close();
      throw new IOException("cannot load " + source + " into a " + config.type().cliName()
          + " model (does the run's config.yaml belong to this checkpoint?): " + e.getMessage(), e);
    } catch (IOException e) {
      m.close();
      throw new IOException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  /** The backbone's hyper-parameters. */
  public ModelConfig config() {
    return config;
  }

  /** Log-probabilities of every class for every image of {@code batch}, fed in {@code order}. */
  public Predictions predict(PatchBatch batch, Permutation order) {
    if (batch.numPatches() != config.numPatches() || batch.patchDim() != config.patchDim()) {
      throw new IllegalArgumentException("batch has " + batch.numPatches() + " patches of "
          + batch.patchDim() + " values, the model expects " + config.numPatches() + " of "
          + config.patchDim());
    }
    if (order.size() != config.numPatches()) {
      throw new IllegalArgumentException("order has " + order.size() + " slots, the model has "
          + config.numPatches() + " patches");
    }
    long[] slots = new long[order.size()];
    for (int k = 0; k < slots.length; k++) {
      slots[k] = order.patchAt(k);
    }
    // The scope closes every intermediate array, also those attached to the model's manager.
    try (NDScope scope = new NDScope(); NDManager manager = model.getNDManager().newSubManager()) {
      NDArray patches = normalizer.normalize(manager, batch); // [B, N, C*p*p]
      NDArray orderArray = manager.create(slots, new Shape(1, slots.length)); // [1, N], broadcast
      NDArray logits = block.forward(new ParameterStore(manager, false),
          new NDList(patches, orderArray), false).singletonOrThrow(); // [B, classes]
      float[] logProbabilities = logits.logSoftmax(1).toType(DataType.FLOAT32, false)
          .toFloatArray();
      scope.suppressNotUsedWarning();
      return new Predictions(batch.size(), config.numClasses(), logProbabilities);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
