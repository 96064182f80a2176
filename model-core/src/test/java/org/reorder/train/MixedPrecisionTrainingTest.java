package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reorder.data.SyntheticPatches;
import org.reorder.model.LongformerOptions;
import org.reorder.model.ModelConfig;
import org.reorder.model.ModelSize;
import org.reorder.model.ModelType;
import org.reorder.model.TransformerXlOptions;
import org.reorder.order.Permutation;
import org.reorder.order.ScanOrder;
import org.reorder.patch.PatchBatch;
import org.junit.jupiter.api.Test;

/**
 * Float16 training with float32 master weights against the same run in float32: the first step's
 * loss and gradient norm agree to float16's precision, the master weights stay float32, every
 * backbone learns, and a resumed run (loss scale included) continues exactly.
 */
class MixedPrecisionTrainingTest {
  private static final int PATCHES = 16; // a 4x4 grid of 2x2 RGB patches
  private static final PixelNormalizer NORMALIZER =
      new PixelNormalizer(new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.25, 0.25}, 2);
  private static final PatchBatch BATCH = new SyntheticPatches(PATCHES, 12, 4, 0.2, 3)
      .split("train", 32);
  private static final List<Permutation> ORDERS =
      Collections.nCopies(BATCH.size(), ScanOrder.SPIRAL.permutation(4, 4, 0));

  @TempDir Path dir;

  private static BackboneTrainer trainer(ModelType type, boolean mixedPrecision) {
    ModelConfig config = ModelConfig.of(type, ModelSize.MICRO, 12, PATCHES, 4).withShape(32, 2, 4)
        .withLongformer(new LongformerOptions(4))
        .withTransformerXl(TransformerXlOptions.segmented(5, 6, true));
    return new BackboneTrainer(config, Device.cpu(), NORMALIZER,
        AdamW.builder().setLearningRateTracker(Tracker.fixed(3e-3f)), 1.0, mixedPrecision, 5);
  }

  @ParameterizedTest
  @EnumSource(ModelType.class)
  void firstStepAgreesWithFloat32AndTheBackboneLearns(ModelType type) {
    StepOutput single;
    try (BackboneTrainer fp32 = trainer(type, false)) {
      single = fp32.trainStep(BATCH, ORDERS, 0);
    }
    try (BackboneTrainer mixed = trainer(type, true)) {
      StepOutput half = mixed.trainStep(BATCH, ORDERS, 0);
      // float16 keeps ~3 significant digits; a loss of ~1.4 differs in the third.
      assertEquals(single.meanLoss(), half.meanLoss(), 2e-2 * single.meanLoss(), type.cliName());
      // The first steps may overflow at the initial loss scale and be skipped (as with PyTorch's
      // GradScaler); they leave the weights as they were, so the first applied update sees the
      // same weights and batch as float32's first step.
      int step = 1;
      while (half.skipped() && step < 10) {
        assertTrue(!Double.isFinite(half.gradNorm()), "only overflowed updates are skipped");
        half = mixed.trainStep(BATCH, ORDERS, step++);
        assertEquals(single.meanLoss(), half.meanLoss(), 2e-2 * single.meanLoss());
      }
      assertEquals(single.gradNorm(), half.gradNorm(), 5e-2 * single.gradNorm(), type.cliName());
      for (Pair<String, Parameter> p : mixed.parameters()) {
        assertEquals(DataType.FLOAT32, p.getValue().getArray().getDataType(), p.getKey());
      }
      StepOutput last = half;
      for (; step < 40; step++) {
        last = mixed.trainStep(BATCH, ORDERS, step);
      }
      assertTrue(last.meanLoss() < 0.5 * half.meanLoss(),
          type.cliName() + ": loss " + half.meanLoss() + " -> " + last.meanLoss());
    }
  }

  @Test
  void aResumedRunContinuesExactly() throws Exception {
    List<float[]> straight;
    try (BackboneTrainer model = trainer(ModelType.VIT, true)) {
      for (int step = 0; step < 5; step++) {
        model.trainStep(BATCH, ORDERS, step);
      }
      straight = values(model);
    }
    try (BackboneTrainer first = trainer(ModelType.VIT, true)) {
      for (int step = 0; step < 3; step++) {
        first.trainStep(BATCH, ORDERS, step);
      }
      first.save(dir);
    }
    try (BackboneTrainer resumed = trainer(ModelType.VIT, true)) {
      resumed.load(dir);
      for (int step = 3; step < 5; step++) {
        resumed.trainStep(BATCH, ORDERS, step);
      }
      List<float[]> values = values(resumed);
      for (int k = 0; k < values.size(); k++) {
        assertArrayEquals(straight.get(k), values.get(k), 0f);
      }
    }
  }

  private static List<float[]> values(BackboneTrainer model) {
    List<float[]> values = new ArrayList<>();
    for (Pair<String, Parameter> p : model.parameters()) {
      values.add(p.getValue().getArray().toFloatArray());
    }
    return values;
  }
}
