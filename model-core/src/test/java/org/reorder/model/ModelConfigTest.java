package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelConfigTest {

  @Test
  void sizesComeFromOneTable() {
    ModelConfig c = ModelConfig.of(ModelType.fromName("Transformer-XL"),
        ModelSize.fromName("base"), 768, 196, 1000);
    assertEquals(ModelType.TRANSFORMER_XL, c.type());
    assertEquals(768, c.width());
    assertEquals(12, c.depth());
    assertEquals(12, c.heads());
    assertEquals(197, c.sequenceLength());
    assertEquals(TransformerXlOptions.DEFAULT, c.transformerXl());
    assertEquals(7, c.longformer().halfWindow());
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelType.fromName("rnn"));
    assertTrue(e.getMessage().contains("vit, transformer-xl, longformer, mamba"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelSize.fromName("huge"));
    assertTrue(e.getMessage().contains("tiny"), e.getMessage());
  }

  @Test
  void invalidValuesNameTheField() {
    ModelConfig vit = ModelConfig.of(ModelType.VIT, ModelSize.MICRO, 48, 16, 10);
    assertMessage("heads", () -> vit.withShape(64, 2, 3));
    assertMessage("dropout", () -> vit.withDropout(1.0));
    assertMessage("numClasses", () -> ModelConfig.of(ModelType.VIT, ModelSize.MICRO, 48, 16, 1));
    assertMessage("window", () -> new LongformerOptions(5));
    assertMessage("segmentLength", () -> new TransformerXlOptions(0, 4, true));
    assertMessage("stateSize", () -> new MambaOptions(0, 4, 2,
        MambaOptions.Directions.SINGLE, 0, 0, MambaOptions.Readout.LAST));
  }

  @Test
  void mambaFoldingMustCoverThePatches() {
    // 12 patches are not a square: ARM4 needs an explicit grid.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelConfig.of(ModelType.MAMBA, ModelSize.MICRO, 48, 12, 10));
    assertTrue(e.getMessage().contains("gridRows"), e.getMessage());
    MambaOptions grid = new MambaOptions(16, 4, 2, MambaOptions.Directions.ARM4, 3, 4,
        MambaOptions.Readout.LAST);
    ModelConfig ok = ModelConfig.of(ModelType.VIT, ModelSize.MICRO, 48, 12, 10).withMamba(grid);
    assertArrayEquals(new int[] {3, 4}, ok.mamba().grid(12));
    assertEquals(12, new ModelConfig(ModelType.MAMBA, 64, 2, 2, 48, 12, 10, 0,
        TransformerXlOptions.DEFAULT, LongformerOptions.DEFAULT, grid).sequenceLength());
    assertEquals(13, new ModelConfig(ModelType.MAMBA, 64, 2, 2, 48, 12, 10, 0,
        TransformerXlOptions.DEFAULT, LongformerOptions.DEFAULT,
        grid.withReadout(MambaOptions.Readout.CLS)).sequenceLength());
  }

  @Test
  void transformerXlNeedsAnEvenWidth() {
    ModelConfig odd = new ModelConfig(ModelType.TRANSFORMER_XL, 9, 1, 3, 48, 16, 10, 0,
        TransformerXlOptions.DEFAULT, LongformerOptions.DEFAULT, MambaOptions.DEFAULT);
    assertMessage("even", () -> Backbones.build(odd));
  }

  private static void assertMessage(String fragment, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
