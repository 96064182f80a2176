package org.reorder.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CudaVisibleDevicesTest {

  @Test
  void cudaNumbersTheListedGpusFromZeroInTheListedOrder() {
    CudaVisibleDevices mask = CudaVisibleDevices.parse(" 6, 4 ,GPU-1f2e").orElseThrow();
    assertEquals(List.of("6", "4", "GPU-1f2e"), mask.entries());
    assertEquals(0, mask.cudaIndexOf("6"));
    assertEquals(1, mask.cudaIndexOf(" 4"));
    assertEquals(-1, mask.cudaIndexOf("5"));
    assertEquals("GPU-1f2e", mask.entry(2));
  }

  @Test
  void unsetOrBlankMeansNoMask() {
    assertTrue(CudaVisibleDevices.parse(null).isEmpty());
    assertTrue(CudaVisibleDevices.parse("  ").isEmpty());
  }
}
