package org.reorder.round;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.reorder.config.ExperimentConfig;
import org.reorder.train.DataSplits;

/**
 * The opened data of the last few runs an executor JVM served, keyed by the run's resolved
 * config, so consecutive rounds of a run do not re-open (for the synthetic source: regenerate)
 * their data. Sources are deterministic per epoch and read-only once opened, so sharing one across
 * rounds cannot change a step; tasks that use it hold {@link TaskEngine}'s lock.
 */
final class DataCache {
  private static final int CAPACITY = 4;
  private static final Map<String, DataSplits> CACHE =
      new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DataSplits> eldest) {
          return size() > CAPACITY;
        }
      };

  private DataCache() {}

  static synchronized DataSplits open(ExperimentConfig config, Configuration conf) {
    return CACHE.computeIfAbsent(config.resolvedYaml(), k -> DataSplits.open(config, conf));
  }
}
