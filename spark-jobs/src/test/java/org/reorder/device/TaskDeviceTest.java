package org.reorder.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskDeviceTest {

  @Test
  void assignedAddressIsTheGpuIndexWithoutVisibilityMask() {
    TaskDevice.Choice c = TaskDevice.choose(List.of("3"), null, 4);
    assertEquals(Device.gpu(3), c.device());
    assertTrue(c.warning().isEmpty());
  }

  @Test
  void visibilityMaskRenumbersFromZero() {
    assertEquals(Device.gpu(1), TaskDevice.choose(List.of("6"), "4, 6", 2).device());
  }

  @Test
  void noAssignmentFallsBackToCpuAndWarnsOnlyWhenGpusExist() {
    TaskDevice.Choice onGpuHost = TaskDevice.choose(List.of(), null, 2);
    assertEquals(Device.cpu(), onGpuHost.device());
    assertTrue(onGpuHost.warning().orElseThrow().contains("spark.task.resource.gpu.amount"));
    assertTrue(TaskDevice.choose(List.of(), null, 0).warning().isEmpty());
  }

  @Test
  void unusableAssignmentsFallBackToCpuWithTheReason() {
    assertTrue(TaskDevice.choose(List.of("0"), null, 0).warning().orElseThrow()
        .contains("engine sees 0 GPU"));
    assertTrue(TaskDevice.choose(List.of("2"), "0,1", 2).warning().orElseThrow()
        .contains("CUDA_VISIBLE_DEVICES=0,1"));
    assertTrue(TaskDevice.choose(List.of("gpu-a"), null, 1).warning().orElseThrow()
        .contains("not a GPU index"));
  }

  @Test
  void outsideATaskIsCpu() {
    assertEquals(Device.cpu(), TaskDevice.forCurrentTask(0).device());
  }
}
