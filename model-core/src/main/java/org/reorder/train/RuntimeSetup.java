package org.reorder.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.PrintStream;
import org.reorder.config.ConfigException;
import org.reorder.config.ExperimentConfig;
import org.reorder.config.RuntimeSection;

/** Applies {@code runtime:} before training: threads, device, and the precision that is honoured. */
public final class RuntimeSetup {
  private RuntimeSetup() {}

  /**
   * Sets the engine's thread count (effective only before the engine first starts in this JVM),
   * picks the device and reports on {@code warnings} what of {@code training.mixed_precision} is
   * honoured.
   */
  public static Device prepare(ExperimentConfig config, PrintStream warnings) {
    RuntimeSection runtime = config.runtime();
    if (runtime.threads() > 0) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(runtime.threads()));
    }
    Engine engine = Engine.getInstance();
    Device device = switch (runtime.device()) {
      case "cpu" -> Device.cpu();
      case "gpu" -> {
        if (engine.getGpuCount() == 0) {
          throw ConfigException.at("runtime.device", "gpu requested but the "
              + engine.getEngineName() + " engine sees no GPU");
        }
        yield Device.gpu();
      }
      default -> engine.defaultDevice();
    };
    if (config.training().mixedPrecision()) {
      // DJL 0.35 exposes no autocast for PyTorch, so bf16/fp16 training would mean running the
      // whole graph in half precision: not done; the switch is recorded and training stays fp32.
      warnings.println("[reorder] warning: training.mixed_precision=true is not honoured: "
          + (device.isGpu() ? "DJL's PyTorch engine offers no autocast" : "it applies to GPUs only")
          + "; training runs in fp32 on " + device);
    }
    return device;
  }
}
