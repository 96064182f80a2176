package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;

/** Shared fixtures for the backbone tests: tiny configs, seeded inputs, one forward pass. */
final class ModelFixtures {
  static final int PATCH_DIM = 12;
  static final int NUM_PATCHES = 16; // a 4x4 grid
  static final int CLASSES = 4;

  private ModelFixtures() {}

  /**
   * A tiny config: width 32, depth 2, 4 heads, 16 patches, a small window, the default options
   * otherwise (Transformer-XL with CLS first in one segment).
   */
  static ModelConfig tiny(ModelType type) {
    return ModelConfig.of(type, ModelSize.MICRO, PATCH_DIM, NUM_PATCHES, CLASSES)
        .withShape(32, 2, 4)
        .withLongformer(new LongformerOptions(4));
  }

  /** {@link #tiny} Transformer-XL with CLS last and segments of 5 with a memory of 6. */
  static ModelConfig tinySegmentedTransformerXl() {
    return tiny(ModelType.TRANSFORMER_XL)
        .withTransformerXl(TransformerXlOptions.segmented(5, 6, true));
  }

  /**
   * Builds and initialises {@code config}'s classifier with a fixed engine seed, and restarts the
   * thread's random stream (dropout, drop-path) at a fixed seed.
   */
  static ReorderClassifier init(NDManager manager, ModelConfig config, DataType type, int batch) {
    ReorderClassifier model = Backbones.build(config);
    EngineRandom.withSeed(7, () -> {
      model.initialize(manager, type, new Shape(batch, config.numPatches(), config.patchDim()),
          new Shape(1, config.numPatches()));
      return model;
    });
    EngineRandom.seedThisThread(7);
    return model;
  }

  /** Seeded standard-normal patches {@code [batch, N, patchDim]}. */
  static NDArray patches(NDManager manager, ModelConfig config, int batch, long seed,
      DataType type) {
    Random random = new Random(seed);
    int n = batch * config.numPatches() * config.patchDim();
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextGaussian();
    }
    return manager.create(values, new Shape(batch, config.numPatches(), config.patchDim()))
        .toType(type, false);
  }

  /** A batch-level order {@code [1, N]} as int64. */
  static NDArray order(NDManager manager, int[] perm) {
    long[] values = new long[perm.length];
    for (int i = 0; i < perm.length; i++) {
      values[i] = perm[i];
    }
    return manager.create(values, new Shape(1, perm.length));
  }

  /** A seeded random permutation of {@code 0..n-1}. */
  static int[] shuffled(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** Inference forward pass. */
  static NDArray logits(NDManager manager, ReorderClassifier model, NDArray patches,
      NDArray order) {
    return model.forward(new ParameterStore(manager, false), new NDList(patches, order), false)
        .singletonOrThrow();
  }

  /** The row-major {@code double[]} contents of {@code a}. */
  static double[] doubles(NDArray a) {
    return a.toType(DataType.FLOAT64, false).toDoubleArray();
  }
}
