package org.reorder.order;

import java.util.Arrays;
import java.util.List;
import java.util.ArrayList;

/**
 * A patch order: slot {@code k} of the sequence holds patch {@code patchAt(k)}, so a sequence is
 * built as {@code seq[k] = patches[perm[k]]}.
 *
 * <p>Validated once on construction (length, range, no duplicates); everything downstream trusts
 * it. Immutable: the array handed out by {@link #toArray()} is a copy.
 */
public final class Permutation {
  private final int[] patchOfSlot;

  private Permutation(int[] patchOfSlot) {
    this.patchOfSlot = patchOfSlot;
  }

  /** The identity order of {@code n} patches (row-major for a grid). */
  public static Permutation identity(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a permutation needs at least 1 element, got " + n);
    }
    int[] perm = new int[n];
    Arrays.setAll(perm, i -> i);
    return new Permutation(perm);
  }

  /**
   * Validates and wraps {@code perm} (copied).
   *
   * @throws IllegalArgumentException naming the first offending slot if {@code perm} is empty, has
   *     an index outside {@code [0, n)} or repeats an index
   */
  public static Permutation of(int... perm) {
    return of(perm, perm.length);
  }

  /** Like {@link #of(int...)}, and also checks that the length is the expected {@code n}. */
  public static Permutation of(int[] perm, int expectedLength) {
    if (perm.length != expectedLength) {
      throw new IllegalArgumentException(
          "permutation has length " + perm.length + ", expected " + expectedLength);
    }
    if (perm.length == 0) {
      throw new IllegalArgumentException("a permutation needs at least 1 element, got 0");
    }
    int n = perm.length;
    int[] slotOfPatch = new int[n];
    Arrays.fill(slotOfPatch, -1);
    for (int k = 0; k < n; k++) {
      int p = perm[k];
      if (p < 0 || p >= n) {
        throw new IllegalArgumentException(
            "permutation slot " + k + " holds " + p + ", outside [0, " + n + ")");
      }
      if (slotOfPatch[p] >= 0) {
        throw new IllegalArgumentException(
            "permutation holds " + p + " twice, at slots " + slotOfPatch[p] + " and " + k);
      }
      slotOfPatch[p] = k;
    }
    return new Permutation(perm.clone());
  }

  /** Number of elements. */
  public int size() {
    return patchOfSlot.length;
  }

  /** The patch placed at sequence slot {@code slot}. */
  public int patchAt(int slot) {
    return patchOfSlot[slot];
  }

  /** A copy of the slot-to-patch array. */
  public int[] toArray() {
    return patchOfSlot.clone();
  }

  /** The inverse order: {@code inverse().patchAt(patchAt(k)) == k}, i.e. patch-to-slot. */
  public Permutation inverse() {
    int[] inv = new int[patchOfSlot.length];
    for (int k = 0; k < patchOfSlot.length; k++) {
      inv[patchOfSlot[k]] = k;
    }
    return new Permutation(inv);
  }

  /** Reorders {@code items}: element {@code k} of the result is {@code items.get(patchAt(k))}. */
  public <T> List<T> apply(List<T> items) {
    requireLength(items.size());
    List<T> out = new ArrayList<>(items.size());
    for (int p : patchOfSlot) {
      out.add(items.get(p));
    }
    return out;
  }

  /** Reorders an int array the same way as {@link #apply(List)}. */
  public int[] apply(int[] items) {
    requireLength(items.length);
    int[] out = new int[items.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = items[patchOfSlot[k]];
    }
    return out;
  }

  /**
   * Reorders fixed-length rows stored back to back: row {@code k} of the result is row {@code
   * patchAt(k)} of {@code rows}. This is how a patch tensor {@code [N, C*p*p]} is put in scan order.
   */
  public byte[] applyRows(byte[] rows, int rowLength) {
    if (rowLength <= 0 || rows.length != (long) rowLength * patchOfSlot.length) {
      throw new IllegalArgumentException(
          "expected " + patchOfSlot.length + " rows of " + rowLength + " bytes, got "
              + rows.length + " bytes");
    }
    byte[] out = new byte[rows.length];
    for (int k = 0; k < patchOfSlot.length; k++) {
      System.arraycopy(rows, patchOfSlot[k] * rowLength, out, k * rowLength, rowLength);
    }
    return out;
  }

  private void requireLength(int n) {
    if (n != patchOfSlot.length) {
      throw new IllegalArgumentException(
          "cannot apply a permutation of " + patchOfSlot.length + " to " + n + " items");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Permutation other && Arrays.equals(patchOfSlot, other.patchOfSlot);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(patchOfSlot);
  }

  @Override
  public String toString() {
    return Arrays.toString(patchOfSlot);
  }
}
