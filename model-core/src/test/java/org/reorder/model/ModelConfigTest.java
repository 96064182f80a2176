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
    assertMessage("segmentLength", () -> TransformerXlOptions.segmented(0, 4, true));
    assertMessage("cls first sees every patch only in one segment", () -> ModelConfig.of(
        ModelType.TRANSFORMER_XL, ModelSize.MICRO, 48, 16, 10).withTransformerXl(
            TransformerXlOptions.segmented(8, 8, true).withCls(
                TransformerXlOptions.ClsPosition.FIRST)));
    assertMessage("stateSize", () -> new MambaOptions(0, 4, 2,
        MambaOptions.Directions.SINGLE, 0, 0, MambaOptions.Readout.LAST,
        MambaOptions.Mlp.SWIGLU, MambaOptions.Combine.MEAN, 0.1));
    assertMessage("dropPath", () -> MambaOptions.DEFAULT.withDropPath(1.0));
  }

  @Test
  void mambaFoldingMustCoverThePatches() {
    // 12 patches are not a square: ARM4 needs an explicit grid.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelConfig.of(ModelType.MAMBA, ModelSize.MICRO, 48, 12, 10));
    assertTrue(e.getMessage().contains("gridRows"), e.getMessage());
    MambaOptions grid = new MambaOptions(16, 4, 2, MambaOptions.Directions.ARM4, 3, 4,
        MambaOptions.Readout.LAST, MambaOptions.Mlp.SWIGLU, MambaOptions.Combine.MEAN, 0.1);
    ModelConfig ok = ModelConfig.of(ModelType.VIT, ModelSize.MICRO, 48, 12, 10).withMamba(grid);
    assertArrayEquals(new int[] {3, 4}, ok.mamba().grid(12));
    assertEquals(12, new ModelConfig(ModelType.MAMBA, 64, 2, 2, 48, 12, 10, 0,
        TransformerXlOptions.DEFAULT, LongformerOptions.DEFAULT, grid).sequenceLength());
    assertEquals(13, new ModelConfig(ModelType.MAMBA, 64, 2, 2, 48, 12, 10, 0,
        TransformerXlOptions.DEFAULT, LongformerOptions.DEFAULT,
        grid.withReadout(MambaOptions.Readout.CLS)).sequenceLength());
  }

  @Test
  void dropPathRisesAsTheReferenceComputesIt() {
    // vision_mamba.py: dpr = linspace(0, 0.1, 12); block i gets ([0] + dpr)[i].
    double[] expected = new double[12];
    for (int i = 1; i < 12; i++) {
      expected[i] = 0.1 * (i - 1) / 11.0;
    }
    double[] actual = new double[12];
    for (int i = 0; i < 12; i++) {
      actual[i] = MambaOptions.DEFAULT.dropPathRate(i, 12);
    }
    assertArrayEquals(expected, actual, 1e-15);
    assertEquals(0.0909, actual[11], 1e-4);
    assertEquals(0, MambaOptions.DEFAULT.dropPathRate(0, 1));
  }

  @Test
  void transformerXlWithASinusoidalTableNeedsAnEvenWidth() {
    ModelConfig odd = new ModelConfig(ModelType.TRANSFORMER_XL, 9, 1, 3, 48, 16, 10, 0,
        TransformerXlOptions.DEFAULT.withRelative(
            TransformerXlOptions.RelativePositions.SINUSOID),
        LongformerOptions.DEFAULT, MambaOptions.DEFAULT);
    assertMessage("even", () -> Backbones.build(odd));
  }

  private static void assertMessage(String fragment, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
