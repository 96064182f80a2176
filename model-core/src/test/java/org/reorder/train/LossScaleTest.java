package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LossScaleTest {

  @Test
  void halvesAndSkipsOnOverflowAndDoublesAfterARunOfGoodSteps() {
    LossScale scale = LossScale.dynamic();
    assertEquals(65536, scale.factor());
    assertFalse(scale.admit(Double.POSITIVE_INFINITY));
    assertFalse(scale.admit(Double.NaN));
    assertEquals(16384, scale.factor());
    for (int i = 1; i < LossScale.GROWTH_INTERVAL; i++) {
      assertTrue(scale.admit(1.0));
      assertEquals(16384, scale.factor());
    }
    assertTrue(scale.admit(1.0));
    assertEquals(32768, scale.factor());
    // An overflow restarts the run of good steps.
    for (int i = 1; i < LossScale.GROWTH_INTERVAL; i++) {
      scale.admit(1.0);
    }
    scale.admit(Double.POSITIVE_INFINITY);
    scale.admit(1.0);
    assertEquals(16384, scale.factor());
  }

  @Test
  void float32TrainingNeverScalesNorSkips() {
    LossScale none = LossScale.none();
    assertTrue(none.admit(Double.POSITIVE_INFINITY));
    assertEquals(1, none.factor());
  }

  @Test
  void failsWhenEvenAnUnscaledLossOverflows() {
    LossScale scale = LossScale.dynamic();
    for (int i = 0; i < 16; i++) {
      scale.admit(Double.NaN);
    }
    assertEquals(1, scale.factor());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> scale.admit(Double.NaN));
    assertTrue(e.getMessage().contains("training.mixed_precision"), e.getMessage());
  }

  @Test
  void aRestoredScaleSkipsTheSameStepsAsTheOriginal() throws IOException {
    LossScale original = LossScale.dynamic();
    original.admit(Double.NaN);
    for (int i = 0; i < LossScale.GROWTH_INTERVAL - 1; i++) {
      original.admit(1.0);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    original.save(new DataOutputStream(bytes));
    LossScale restored = LossScale.dynamic();
    restored.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(original.factor(), restored.factor());
    original.admit(1.0);
    restored.admit(1.0);
    assertEquals(65536, original.factor());
    assertEquals(original.factor(), restored.factor());
  }
}
