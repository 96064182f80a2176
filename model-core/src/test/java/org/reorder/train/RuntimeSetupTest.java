package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reorder.config.ConfigException;
import org.reorder.config.ExperimentConfig;

class RuntimeSetupTest {

  private static ExperimentConfig withDevice(String device) {
    return ExperimentConfig.parse("""
        model: {model_type: vit, width: 16, depth: 1, heads: 2, patch_size: 8}
        data: {source: synthetic, image_size: 16, num_classes: 2}
        """, "runtime", "runtime", List.of("runtime.device=" + device));
  }

  @Test
  void gpuFailsFastNamingTheOptionAndTheLibraryWhenTheEngineSeesNone() {
    // This build's tests load the CPU library, so the engine sees no GPU.
    assertEquals(0, Engine.getInstance().getGpuCount());
    ConfigException e = assertThrows(ConfigException.class,
        () -> RuntimeSetup.prepare(withDevice("gpu")));
    assertTrue(e.getMessage().startsWith("runtime.device: gpu requested but the PyTorch engine "
        + "sees no GPU (it loaded the cpu library from "), e.getMessage());
    assertTrue(e.getMessage().contains("reorder doctor"), e.getMessage());
  }

  @Test
  void cpuAndAutoTrainOnTheCpuHere() {
    assertEquals(Device.cpu(), RuntimeSetup.prepare(withDevice("cpu")));
    assertEquals(Device.cpu(), RuntimeSetup.prepare(withDevice("auto")));
  }
}
