package org.reorder.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.model.ModelConfig;
import org.reorder.model.ModelType;
import org.reorder.order.Permutation;
import org.reorder.order.ScanOrder;
import org.reorder.patch.PatchBatch;
import org.reorder.train.AdamW;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.RunFiles;
import org.reorder.train.PixelNormalizer;
import org.reorder.train.StepOutput;
import org.reorder.data.SyntheticPatches;

class InferenceModelTest {
  /** ViT on a 4x4 grid of 2x2 RGB patches, 3 classes, randomly initialised. */
  private static final ModelConfig CONFIG = new ModelConfig(ModelType.VIT, 16, 2, 2, 12, 16, 3,
      0.0, org.reorder.model.TransformerXlOptions.DEFAULT,
      org.reorder.model.LongformerOptions.DEFAULT, org.reorder.model.MambaOptions.DEFAULT);
  private static final PixelNormalizer NORMALIZER =
      new PixelNormalizer(new double[] {0.5, 0.4, 0.3}, new double[] {0.2, 0.25, 0.3}, 2);

  @TempDir Path dir;

  private static BackboneTrainer trainer() {
    return new BackboneTrainer(CONFIG, Device.cpu(), NORMALIZER,
        AdamW.builder().setLearningRateTracker(Tracker.fixed(1e-3f)), 1.0, false, 17);
  }

  private InferenceModel load(ModelConfig config) throws IOException {
    try (InputStream in = Files.newInputStream(dir.resolve(RunFiles.PARAMS))) {
      return InferenceModel.load(config, NORMALIZER, in, "model.params", Device.cpu());
    }
  }

  @Test
  void predictsWhatTheTrainerEvaluatesFromItsSavedParameters() throws Exception {
    PatchBatch images = new SyntheticPatches(16, 12, 3, 0.3, 5).split("val", 9);
    Permutation order = ScanOrder.SPIRAL.permutation(4, 4, 0);
    StepOutput reference;
    try (BackboneTrainer t = trainer()) {
      t.save(dir);
      reference = t.evaluate(images, order);
    }
    try (InferenceModel m = load(CONFIG)) {
      Predictions p = m.predict(images, order);
      for (int i = 0; i < images.size(); i++) {
        int label = images.labels()[i];
        assertEquals(reference.losses()[i], p.loss(i, label), 1e-5, "loss of image " + i);
        assertEquals(reference.top1()[i], p.predictedClass(i) == label, "top-1 of image " + i);
        float sum = 0;
        for (float q : p.probabilities(i)) {
          sum += q;
        }
        assertEquals(1.0, sum, 1e-5);
      }
    }
  }

  @Test
  void threadsSharingTheModelGetTheSingleThreadedResult() throws Exception {
    try (BackboneTrainer t = trainer()) {
      t.save(dir);
    }
    PatchBatch images = new SyntheticPatches(16, 12, 3, 0.3, 5).split("val", 6);
    Permutation order = ScanOrder.HILBERT.permutation(4, 4, 0);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (InferenceModel m = load(CONFIG)) {
      float[] alone = m.predict(images, order).logProbabilities();
      List<Future<float[]>> runs = new ArrayList<>();
      for (int r = 0; r < 6; r++) {
        runs.add(pool.submit(() -> m.predict(images, order).logProbabilities()));
      }
      for (Future<float[]> f : runs) {
        assertArrayEquals(alone, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void parametersOfAnotherShapeAreReportedWithTheSource() throws Exception {
    try (BackboneTrainer t = trainer()) {
      t.save(dir);
    }
    IOException e = assertThrows(IOException.class, () -> load(CONFIG.withShape(32, 2, 2)));
    assertTrue(e.getMessage().contains("cannot load model.params into a vit model"),
        e.getMessage());
    assertTrue(e.getMessage().contains("has shape"), e.getMessage());
  }
}
