package org.reorder.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The sequence permutations a Mamba mixer scans along (slot {@code k} of a scan reads sequence
 * slot {@code perm[k]}).
 *
 * <p>SINGLE: the identity. ARM4 (the reference's four directions): forward, reverse, the
 * transposed folding (the {@code N} patch slots laid row-major on a {@code rows x cols} grid and
 * read column by column: {@code perm[j] = (j mod rows) * cols + j div rows}) and its reverse. A
 * CLS token appended after the patches stays last in forward scans and first in reverse ones.
 */
final class ScanDirections {

  private ScanDirections() {}

  /** The scans, in the order forward, reverse, transposed, transposed-reverse. */
  static List<int[]> permutations(
      MambaOptions.Directions directions, int numPatches, int rows, int cols, boolean cls) {
    int length = numPatches + (cls ? 1 : 0);
    List<int[]> perms = new ArrayList<>();
    int[] forward = new int[length];
    for (int k = 0; k < length; k++) {
      forward[k] = k;
    }
    perms.add(forward);
    if (directions == MambaOptions.Directions.ARM4) {
      int[] transposed = new int[length];
      for (int j = 0; j < numPatches; j++) {
        transposed[j] = (j % rows) * cols + j / rows;
      }
      if (cls) {
        transposed[numPatches] = numPatches;
      }
      perms.add(reversed(forward));
      perms.add(transposed);
      perms.add(reversed(transposed));
    }
    return perms;
  }

  /** Slot names matching {@link #permutations}, used to name the mixer's branches. */
  static String name(int index) {
    return switch (index) {
      case 0 -> "forward";
      case 1 -> "reverse";
      case 2 -> "transposed";
      case 3 -> "transposed_reverse";
      default -> throw new IllegalArgumentException("no scan direction " + index);
    };
  }

  static boolean isIdentity(int[] perm) {
    for (int k = 0; k < perm.length; k++) {
      if (perm[k] != k) {
        return false;
      }
    }
    return true;
  }

  private static int[] reversed(int[] perm) {
    int[] out = new int[perm.length];
    for (int k = 0; k < perm.length; k++) {
      out[k] = perm[perm.length - 1 - k];
    }
    return out;
  }
}
