package org.reorder.eval;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.reorder.config.ExperimentConfig;
import org.reorder.device.TaskDevice;
import org.reorder.infer.InferenceModel;
import org.reorder.train.PixelNormalizer;

/**
 * The models of one executor JVM: each (parameter file, its modification time, device) is loaded
 * once, shared by every task and partition that scores with it, and closed when the JVM exits.
 *
 * <p>Loading reads {@code model.params} straight from its FileSystem stream (local, HDFS, s3a), so
 * no local copy is made. Tasks that ask for a model being loaded wait for that one load.
 */
final class ModelCache {
  /** What identifies a loaded model. */
  record Key(String params, long modified, String device) {}

  private static final Map<Key, InferenceModel> MODELS = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ModelCache::closeAll, "reorder-model-cache"));
  }

  private ModelCache() {}

  /**
   * The model of {@code spec} on the chosen device, loading it on first use in this JVM (and
   * reporting then, on the executor's stderr, why the device is a fallback, if it is).
   */
  static InferenceModel get(ScoringSpec spec, TaskDevice.Choice device) {
    Key key = new Key(spec.params(), spec.paramsModified(), device.device().toString());
    return MODELS.computeIfAbsent(key, k -> {
      device.warning().ifPresent(w -> System.err.println("[reorder eval] " + w));
      return load(spec, device.device());
    });
  }

  /** Models loaded by this JVM so far (tests check that executors load once). */
  static int loads() {
    return LOADS.get();
  }

  /** Closes and forgets every model (JVM shutdown; tests that need a cold cache). */
  static synchronized void closeAll() {
    for (Key k : List.copyOf(MODELS.keySet())) {
      InferenceModel m = MODELS.remove(k);
      if (m != null) {
        m.close();
      }
    }
  }

  private static InferenceModel load(ScoringSpec spec, Device device) {
    ExperimentConfig config = ExperimentConfig.parse(spec.configYaml(), spec.params()
        + " (its run's config.yaml)", "run", List.of());
    PixelNormalizer normalizer = new PixelNormalizer(config.data().mean(), config.data().std(),
        config.model().patchSize());
    Path params = new Path(spec.params());
    try {
      FileSystem fs = params.getFileSystem(spec.hadoop().get());
      try (InputStream in = fs.open(params)) {
        InferenceModel model = InferenceModel.load(config.modelConfig(), normalizer, in,
            params.toString(), device);
        LOADS.incrementAndGet();
        return model;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
