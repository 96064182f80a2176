package org.reorder.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformSettingsTest {

  @Test
  void referenceIs14x14PatchesOf768() {
    PatchGrid g = TransformSettings.reference().grid();
    assertEquals(196, g.numPatches());
    assertEquals(768, g.patchDim());
  }

  @Test
  void badOptionsNameTheOption() {
    assertMessage("--patch-size", () -> new TransformSettings(256, 224, 15, 3, "whole", 0));
    assertMessage("--resize", () -> new TransformSettings(200, 224, 16, 3, "whole", 0));
    assertMessage("--region", () -> new TransformSettings(256, 224, 16, 3, "box", 0));
    assertMessage("--context", () -> new TransformSettings(256, 224, 16, 3, "bbox", -1));
    assertMessage("--dct-scaling", () -> new TransformSettings(0, 32, 8, 3, "whole", 0, true));
    assertMessage("--dct-scaling", () -> new TransformSettings(256, 224, 16, 3, "bbox", 0, true));
  }

  @Test
  void dctScalingIsRecordedAndOlderSidecarsReadAsFullSizeDecoding() {
    TransformSettings scaled = TransformSettings.reference().withDctScaling(true);
    PatchDatasetInfo info = PatchDatasetInfo.of("imagenet", List.of("a"), scaled, Map.of());
    assertEquals(scaled, PatchDatasetInfo.fromJson(info.toJson(), "test").transform());
    // A sidecar written before the field existed.
    String old =
        PatchDatasetInfo.of("imagenet", List.of("a"), TransformSettings.reference(), Map.of())
            .toJson()
            .replaceAll(",\\s*\"dctScaling\" : false", "");
    assertTrue(!old.contains("dctScaling"), old);
    assertEquals(
        TransformSettings.reference(), PatchDatasetInfo.fromJson(old, "old.json").transform());
  }

  @Test
  void sidecarRoundTripsThroughJson() {
    PatchDatasetInfo info =
        PatchDatasetInfo.of(
            "synthetic",
            List.of("a", "b"),
            new TransformSettings(0, 32, 8, 3, "bbox", 0.25),
            Map.of("train", new PatchDatasetInfo.SplitCounts(10, 2)));
    assertEquals(info, PatchDatasetInfo.fromJson(info.toJson(), "test"));
  }

  @Test
  void sidecarOfAnotherVersionIsRefused() {
    String json =
        PatchDatasetInfo.of("x", List.of("a"), TransformSettings.reference(), Map.of())
            .toJson()
            .replace("\"formatVersion\" : 1", "\"formatVersion\" : 99");
    assertMessage("version 99", () -> PatchDatasetInfo.fromJson(json, "f.json"));
  }

  private static void assertMessage(String part, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
