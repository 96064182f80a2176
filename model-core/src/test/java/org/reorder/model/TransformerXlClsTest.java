package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Who sees whom in Transformer-XL. CLS first (the reference): the patches are causal among
 * themselves, CLS sees every patch and every patch sees CLS, so from the second layer on a patch
 * also hears, through CLS, of the patches after it. CLS last: everything causal, CLS last.
 */
class TransformerXlClsTest {
  private static final int WIDTH = 8;
  private static final int PATCHES = 9;

  @Test
  void clsFirstSeesEveryPatchWhilePatchesStayCausalInOneLayer() {
    try (NDManager manager = NDManager.newBaseManager()) {
      TransformerXlEncoder encoder = encoder(manager, 1, TransformerXlOptions.DEFAULT);
      ParameterStore ps = new ParameterStore(manager, false);
      NDArray x = sequence(manager, 1);
      NDArray changed = changeSlot(x, PATCHES); // the last patch (slot N of [CLS, patches])
      RelativeMasks.Mask mask = RelativeMasks.clsFirst(PATCHES + 1);
      double[] before = encoder.forwardWithMask(ps, x, mask, false).toDoubleArray();
      double[] after = encoder.forwardWithMask(ps, changed, mask, false).toDoubleArray();
      // Tokens 1..N-1 (patches before the last) are untouched; CLS (token 0) changes.
      for (int t = 1; t < PATCHES; t++) {
        assertArrayEquals(slice(before, t), slice(after, t), 0, "patch slot " + t);
      }
      assertTrue(maxDiff(slice(before, 0), slice(after, 0)) > 1e-6, "CLS did not see the change");
    }
  }

  @Test
  void fromTheSecondLayerPatchesHearOfLaterPatchesThroughCls() {
    try (NDManager manager = NDManager.newBaseManager()) {
      TransformerXlEncoder encoder = encoder(manager, 2, TransformerXlOptions.DEFAULT);
      ParameterStore ps = new ParameterStore(manager, false);
      NDArray x = sequence(manager, 1);
      RelativeMasks.Mask mask = RelativeMasks.clsFirst(PATCHES + 1);
      double[] before = encoder.forwardWithMask(ps, x, mask, false).toDoubleArray();
      double[] after = encoder.forwardWithMask(ps, changeSlot(x, PATCHES), mask, false)
          .toDoubleArray();
      assertTrue(maxDiff(slice(before, 1), slice(after, 1)) > 1e-6,
          "the first patch did not hear of the last one through CLS");
    }
  }

  @Test
  void theReadoutIsTheClsStateInBothPlacements() {
    try (NDManager manager = NDManager.newBaseManager()) {
      ParameterStore ps = new ParameterStore(manager, false);
      NDArray tokens = sequence(manager, 2).get(new NDIndex(":, 1:")); // [2, N, d]
      NDArray cls = sequence(manager, 1).get(new NDIndex("0:1, 0:1")); // [1, 1, d]
      TransformerXlEncoder first = encoder(manager, 2, TransformerXlOptions.DEFAULT);
      double[] read = first.forward(ps, new NDList(tokens, cls), false).singletonOrThrow()
          .toDoubleArray();
      NDArray full = cls.broadcast(2, 1, WIDTH).concat(tokens, 1);
      double[] cls0 = first.forwardWithMask(ps, full, RelativeMasks.clsFirst(PATCHES + 1), false)
          .get(new NDIndex(":, 0")).toDoubleArray();
      assertArrayEquals(cls0, read, 0);

      TransformerXlEncoder last = encoder(manager, 2,
          TransformerXlOptions.DEFAULT.withCls(TransformerXlOptions.ClsPosition.LAST));
      double[] readLast = last.forward(ps, new NDList(tokens, cls), false).singletonOrThrow()
          .toDoubleArray();
      NDArray fullLast = tokens.concat(cls.broadcast(2, 1, WIDTH), 1);
      double[] clsN = last.forwardWithMask(ps, fullLast, RelativeMasks.causal(PATCHES + 1, 0),
          false).get(new NDIndex(":, -1")).toDoubleArray();
      assertArrayEquals(clsN, readLast, 0);
    }
  }

  private static TransformerXlEncoder encoder(NDManager manager, int depth,
      TransformerXlOptions options) {
    Engine.getInstance().setRandomSeed(13);
    TransformerXlEncoder encoder = TransformerXlEncoder.builder().setWidth(WIDTH).setDepth(depth)
        .setHeads(2).setNumPatches(PATCHES).setOptions(options).build();
    encoder.setInitializer(new NormalInitializer(0.4f), Parameter.Type.WEIGHT);
    encoder.initialize(manager, DataType.FLOAT64, new Shape(2, PATCHES, WIDTH),
        new Shape(1, 1, WIDTH));
    return encoder;
  }

  /** {@code [batch, N+1, d]} seeded normal values. */
  private static NDArray sequence(NDManager manager, int batch) {
    Random random = new Random(6);
    double[] v = new double[batch * (PATCHES + 1) * WIDTH];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextGaussian();
    }
    return manager.create(v, new Shape(batch, PATCHES + 1, WIDTH));
  }

  private static NDArray changeSlot(NDArray x, int slot) {
    NDArray copy = x.duplicate();
    copy.set(new NDIndex(":, {}", slot), 3.0);
    return copy;
  }

  private static double[] slice(double[] flat, int token) {
    return java.util.Arrays.copyOfRange(flat, token * WIDTH, (token + 1) * WIDTH);
  }

  private static double maxDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
