package org.reorder.round;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.checkpoint.CheckpointStore;
import org.reorder.config.ExperimentConfig;
import org.reorder.train.BackboneTrainer;
import org.reorder.train.CurriculumPlan;

/** Local SGD's weight average against the mean computed by hand from the replicas' parameters. */
class ReplicaWeightsTest {
  @TempDir Path dir;

  private static ExperimentConfig config(long seed) {
    return ExperimentConfig.parse("""
        model: {model_type: vit, width: 16, depth: 1, heads: 2, patch_size: 4}
        data: {source: synthetic, image_size: 16, channels: 3, num_classes: 4,
               synthetic: {train_size: 16, val_size: 8}}
        training: {epochs: 1, batch_size: 8, warmup_epochs: 0}
        runtime: {device: cpu, progress: false}
        """, "w", "w", List.of("training.seed=" + seed));
  }

  private static List<float[]> values(BackboneTrainer model) {
    List<float[]> out = new ArrayList<>();
    for (Pair<String, Parameter> p : model.parameters()) {
      out.add(p.getValue().getArray().toFloatArray());
    }
    return out;
  }

  @Test
  void everyReplicaStartsFromTheMeanOfTheReplicasWithItsOwnOptimizerState() throws Exception {
    CheckpointStore store = new CheckpointStore(dir.resolve("ckpt").toString(),
        new Configuration(), 2);
    int replicas = 3;
    List<List<float[]>> saved = new ArrayList<>();
    List<byte[]> optimizers = new ArrayList<>();
    for (int r = 0; r < replicas; r++) {
      // Different seeds give different parameters: three distinct replicas.
      try (BackboneTrainer m = new CurriculumPlan(config(10 + r), 2).newModel(Device.cpu())) {
        saved.add(values(m));
        Path local = Files.createDirectories(dir.resolve("save" + r));
        m.save(local);
        store.put(1, TaskSpec.paramsFile(r), Files.readAllBytes(local.resolve(
            BackboneTrainer.PARAMS_FILE)));
        byte[] opt = Files.readAllBytes(local.resolve(BackboneTrainer.OPTIMIZER_FILE));
        optimizers.add(opt);
        store.put(1, TaskSpec.optimizerFile(r), opt);
      }
    }
    store.commitWith(1, Map.of());

    for (int replica = 0; replica < replicas; replica++) {
      try (BackboneTrainer m = new CurriculumPlan(config(99), 2).newModel(Device.cpu())) {
        Path scratch = Files.createDirectories(dir.resolve("restore" + replica));
        int self = replica;
        TaskEngine.onThisThread(() -> {
          ReplicaWeights.restore(m, store, 1, self, replicas, scratch);
          return null;
        });
        List<float[]> got = values(m);
        assertEquals(saved.get(0).size(), got.size());
        for (int k = 0; k < got.size(); k++) {
          float[] expected = new float[got.get(k).length];
          for (int i = 0; i < expected.length; i++) {
            double sum = 0;
            for (int r = 0; r < replicas; r++) {
              sum += saved.get(r).get(k)[i];
            }
            expected[i] = (float) (sum / replicas);
          }
          assertArrayEquals(expected, got.get(k), 1e-6f, "parameter " + k);
        }
        // Its own optimiser state: saving again reproduces that replica's optimizer file.
        Path again = Files.createDirectories(dir.resolve("again" + replica));
        m.save(again);
        assertArrayEquals(optimizers.get(replica),
            Files.readAllBytes(again.resolve(BackboneTrainer.OPTIMIZER_FILE)));
        assertTrue(m.parameters().get(0).getValue().getArray().hasGradient());
      }
    }
  }
}
