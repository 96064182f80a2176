package org.reorder.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.reorder.config.ConfigException;
import org.reorder.config.ExperimentConfig;
import org.reorder.config.RuntimeSection;
import org.reorder.engine.NativeLibrary;

/** Applies {@code runtime:} before training: threads and device. */
public final class RuntimeSetup {
  private RuntimeSetup() {}

  /**
   * Sets the engine's thread count (effective only before the engine first starts in this JVM)
   * and picks the device.
   */
  public static Device prepare(ExperimentConfig config) {
    RuntimeSection runtime = config.runtime();
    if (runtime.threads() > 0) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(runtime.threads()));
    }
    Engine engine = Engine.getInstance();
    return switch (runtime.device()) {
      case "cpu" -> Device.cpu();
      case "gpu" -> {
        if (engine.getGpuCount() == 0) {
          NativeLibrary library = NativeLibrary.loaded();
          throw ConfigException.at("runtime.device", "gpu requested but the "
              + engine.getEngineName() + " engine sees no GPU (it loaded the " + library.flavour()
              + " library from " + library.path() + "; `reorder doctor` shows why, see "
              + "docs/cluster.md)");
        }
        yield Device.gpu();
      }
      default -> engine.defaultDevice();
    };
  }
}
