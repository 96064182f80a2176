package org.reorder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.reorder.patch.ImageRow;
import org.reorder.train.Seeds;

class SyntheticPatchesTest {

  @Test
  void aGeneratorJumpedAheadDrawsWhatOneSteppedThereDraws() {
    for (long seed : new long[] {0, 1, -7, 42, Long.MIN_VALUE, 0x5DEECE66DL}) {
      Random stepped = new Random(seed);
      for (int calls = 0; calls <= 1_000_000; calls++) {
        int next = stepped.nextInt();
        if (calls <= 2000 || calls % 99_991 == 0 || calls == 1_000_000) {
          assertEquals(next, SyntheticPatches.generatorAt(seed, calls).nextInt(),
              "seed " + seed + " after " + calls + " calls");
        }
      }
    }
  }

  /**
   * Images made with templates drawn when first used equal those made with every template drawn
   * up front, in class order and then the shared one (how the templates are defined), for a
   * template length that is not a multiple of 4 and with patches that do not carry the label.
   */
  @Test
  void imagesEqualThoseOfTemplatesDrawnUpFront() {
    int numPatches = 5;
    int patchDim = 3;
    int classes = 4;
    int labelPatches = 2;
    long seed = 11;
    double noise = 0.2;
    Random templates = new Random(Seeds.derive(seed, "synthetic-templates", 0));
    byte[][] upFront = new byte[classes + 1][numPatches * patchDim];
    for (byte[] t : upFront) {
      templates.nextBytes(t);
    }
    SyntheticPatches lazy = new SyntheticPatches(numPatches, patchDim, classes, noise, seed,
        labelPatches);
    // val images in reverse, so later classes' templates are drawn before earlier ones
    for (String split : new String[] {"val", "train"}) {
      for (int k = 0; k < 3 * classes; k++) {
        int i = split.equals("val") ? 3 * classes - 1 - k : k;
        ImageRow row = lazy.image(split, i);
        Random noiseDraws = new Random(Seeds.derive(seed, "synthetic-" + split, i));
        byte[] expected = new byte[numPatches * patchDim];
        for (int e = 0; e < expected.length; e++) {
          byte[] t = e < labelPatches * patchDim ? upFront[i % classes] : upFront[classes];
          double v = (t[e] & 0xFF) + 255.0 * noise * noiseDraws.nextGaussian();
          expected[e] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
        assertArrayEquals(expected, row.patches(), split + " image " + i);
        assertEquals(i % classes, row.label());
      }
    }
  }
}
