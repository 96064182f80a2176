package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The segment recurrence with memory equals one pass over the whole sequence with the
 * equivalent mask: query {@code t} of the segment starting at {@code s0} sees keys
 * {@code max(0, s0 - M) <= j <= t} (memory on) or {@code s0 <= j <= t} (memory off).
 */
class TransformerXlMemoryTest {
  private static final int WIDTH = 8;
  private static final int LENGTH = 11;

  @ParameterizedTest
  @CsvSource({"3, 4, true", "3, 2, true", "4, 4, false", "20, 4, true"})
  void segmentsWithMemoryEqualOneMaskedPass(int segment, int memory, boolean enabled) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(9);
      TransformerXlEncoder encoder = TransformerXlEncoder.builder().setWidth(WIDTH).setDepth(2)
          .setHeads(2).setNumPatches(LENGTH - 1)
          .setOptions(TransformerXlOptions.segmented(segment, memory, enabled)).build();
      encoder.setInitializer(new NormalInitializer(0.4f),
          Parameter.Type.WEIGHT);
      encoder.initialize(manager, DataType.FLOAT64, new Shape(2, LENGTH - 1, WIDTH),
          new Shape(1, 1, WIDTH));
      double[] values = new double[2 * LENGTH * WIDTH];
      Random random = new Random(4);
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextGaussian();
      }
      NDArray x = manager.create(values, new Shape(2, LENGTH, WIDTH));
      ParameterStore ps = new ParameterStore(manager, false);
      double[] segmented = NDArrays.concat(encoder.segmented(ps, x, false), 1).toDoubleArray();
      double[] onePass = encoder.forwardWithMask(ps, x, mask(segment, enabled ? memory : 0), false)
          .toDoubleArray();
      assertArrayEquals(onePass, segmented, 1e-10);
      if (enabled && segment < LENGTH) {
        // Memory must matter: without it the later segments would differ.
        double[] noMemory = encoder.forwardWithMask(ps, x, mask(segment, 0), false)
            .toDoubleArray();
        double diff = 0;
        for (int i = 0; i < noMemory.length; i++) {
          diff = Math.max(diff, Math.abs(noMemory[i] - segmented[i]));
        }
        assertTrue(diff > 1e-3, "memory had no effect: " + diff);
      }
    }
  }

  /** The full-sequence mask and distances equivalent to segments with a memory of M. */
  private static RelativeMasks.Mask mask(int segment, int memory) {
    float[] bias = new float[LENGTH * LENGTH];
    long[] distance = new long[LENGTH * LENGTH];
    for (int t = 0; t < LENGTH; t++) {
      int start = (t / segment) * segment;
      for (int j = 0; j < LENGTH; j++) {
        boolean visible = j <= t && j >= Math.max(0, start - memory);
        bias[t * LENGTH + j] = visible ? 0f : -1e9f;
        distance[t * LENGTH + j] = visible ? t - j : 0;
      }
    }
    return new RelativeMasks.Mask(LENGTH, LENGTH, bias, distance);
  }
}
