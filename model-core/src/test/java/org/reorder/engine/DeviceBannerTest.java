package org.reorder.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reorder.config.ExperimentConfig;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchBatch;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.CurriculumPlan;
import org.reorder.data.SyntheticPatches;

class DeviceBannerTest {

  @Test
  void namesTheDeviceTheComputeTypeAndTheLibrary() {
    NativeLibrary lib = NativeLibrary.loaded();
    assertEquals("training on cpu() in float16; " + lib.summary() + " at " + lib.path(),
        DeviceBanner.describe(Device.cpu(), DataType.FLOAT16));
  }

  @Test
  void aModelsFirstTrainingStepPrintsItOnce() {
    ExperimentConfig config = ExperimentConfig.parse("""
        model: {model_type: vit, width: 16, depth: 1, heads: 2, patch_size: 8}
        data: {source: synthetic, image_size: 16, channels: 1, num_classes: 2}
        training: {epochs: 1, batch_size: 4, warmup_epochs: 0}
        """, "banner", "banner", List.of());
    PatchBatch batch = new SyntheticPatches(4, 64, 2, 0.25, 1).split("train", 4);
    List<Permutation> rows = Collections.nCopies(4, Permutation.identity(4));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (BackboneTrainer model = new CurriculumPlan(config, 1).newModel(Device.cpu())) {
      model.trainStep(batch, rows, 0);
      model.trainStep(batch, rows, 1);
    } finally {
      System.setErr(old);
    }
    List<String> banners = Arrays.stream(err.toString(StandardCharsets.UTF_8).split("\n"))
        .filter(l -> l.startsWith("[reorder] training on ")).toList();
    assertEquals(List.of("[reorder] " + DeviceBanner.describe(Device.cpu(), DataType.FLOAT32)),
        banners);
    assertTrue(banners.get(0).contains(" in float32; PyTorch "), banners.get(0));
  }
}
