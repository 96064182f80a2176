package org.reorder.data;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.reorder.patch.ImageRow;
import org.reorder.patch.PatchBatch;
import org.reorder.train.Seeds;

/**
 * A learnable dataset for runs without prepared data: each class has a random template patch
 * tensor, and an image of that class is its template plus Gaussian pixel noise, clipped to [0,
 * 255]. Labels cycle through the classes, so every split is balanced. Templates depend only on
 * {@code seed}, so the train and validation splits share them; image {@code i} of a split draws its
 * noise from its own stream {@code (seed, split, i)}, so any image can be made without the others.
 *
 * <p>With {@code labelPatches < numPatches} only the first {@code labelPatches} patches (in
 * row-major index order) carry the class template; the others carry one template shared by every
 * class, so they say nothing about the label. A model that cannot see those first patches in the
 * order it reads them is at chance: a task where a better order exists (docs/policy.md).
 *
 * <p>The templates are the consecutive {@code nextBytes} draws of one {@link Random}: class 0's,
 * class 1's, ..., then the shared one. They are drawn when first used, each by jumping the
 * generator straight to its start ({@link #generatorAt}), not all up front: an ImageNet-shaped
 * dataset has 1,000 classes of 150,528 bytes, and drawing 150 MB of templates took about a second
 * at every open of a split (every restore of a round), for a split that may use a few of them.
 */
public final class SyntheticPatches {
  // java.util.Random's linear congruential generator (see generatorAt)
  private static final long MULTIPLIER = 0x5DEECE66DL;
  private static final long ADDEND = 0xBL;
  private static final long MASK = (1L << 48) - 1;

  private final int numPatches;
  private final int patchDim;
  private final int numClasses;
  private final double noise;
  private final long seed;
  private final int labelPatches;
  private final long templateSeed;
  /** Class templates, then the shared template at index numClasses; null until first used. */
  private final AtomicReferenceArray<byte[]> templates;

  /**
   * @param noise standard deviation of the noise in units of the pixel range (0.25 = 64 levels)
   */
  public SyntheticPatches(int numPatches, int patchDim, int numClasses, double noise, long seed) {
    this(numPatches, patchDim, numClasses, noise, seed, numPatches);
  }

  /**
   * @param noise standard deviation of the noise in units of the pixel range (0.25 = 64 levels)
   * @param labelPatches how many leading patches carry the class, 1..numPatches
   */
  public SyntheticPatches(int numPatches, int patchDim, int numClasses, double noise, long seed,
      int labelPatches) {
    if (numPatches < 1 || patchDim < 1 || numClasses < 1 || !(noise >= 0)) {
      throw new IllegalArgumentException(
          "synthetic data needs positive sizes and noise >= 0, got numPatches=" + numPatches
              + ", patchDim=" + patchDim + ", numClasses=" + numClasses + ", noise=" + noise);
    }
    if (labelPatches < 1 || labelPatches > numPatches) {
      throw new IllegalArgumentException("synthetic labelPatches must be in [1, " + numPatches
          + "], got " + labelPatches);
    }
    this.labelPatches = labelPatches;
    this.numPatches = numPatches;
    this.patchDim = patchDim;
    this.numClasses = numClasses;
    this.noise = noise;
    this.seed = seed;
    this.templateSeed = Seeds.derive(seed, "synthetic-templates", 0);
    // the shared template comes after the class templates, so those stay the same whatever
    // labelPatches is
    this.templates = new AtomicReferenceArray<>(numClasses + 1);
  }

  /** Image {@code i} of split {@code split}. */
  public ImageRow image(String split, int i) {
    Random rng = new Random(Seeds.derive(seed, "synthetic-" + split, i));
    int label = i % numClasses;
    byte[] t = template(label);
    byte[] shared = labelPatches < numPatches ? template(numClasses) : t;
    int labelBytes = labelPatches * patchDim;
    byte[] patches = new byte[t.length];
    for (int e = 0; e < t.length; e++) {
      int mean = (e < labelBytes ? t[e] : shared[e]) & 0xFF;
      double v = mean + 255.0 * noise * rng.nextGaussian();
      patches[e] = (byte) Math.max(0, Math.min(255, Math.round(v)));
    }
    return new ImageRow(split + "-" + i, label, patches);
  }

  /** The first {@code count} images of split {@code split} as one batch. */
  public PatchBatch split(String split, int count) {
    int bytes = numPatches * patchDim;
    byte[] patches = new byte[Math.multiplyExact(count, bytes)];
    int[] labels = new int[count];
    String[] ids = new String[count];
    for (int i = 0; i < count; i++) {
      ImageRow row = image(split, i);
      System.arraycopy(row.patches(), 0, patches, i * bytes, bytes);
      labels[i] = row.label();
      ids[i] = row.imageId();
    }
    return new PatchBatch(patches, count, numPatches, patchDim, labels, ids);
  }

  /** Template {@code k}: class k's, or the shared one for {@code k == numClasses}. */
  private byte[] template(int k) {
    byte[] t = templates.get(k);
    if (t == null) {
      int bytes = numPatches * patchDim;
      t = new byte[bytes];
      // nextBytes takes one nextInt per 4 bytes, the last partly used
      generatorAt(templateSeed, (long) k * ((bytes + 3) / 4)).nextBytes(t);
      // two threads may both draw it; they draw the same bytes
      templates.set(k, t);
    }
    return t;
  }

  /**
   * A generator in the state {@code new Random(seed)} reaches after {@code calls} calls of {@code
   * nextInt()}, in O(log calls). Random's algorithms are part of its specification (its javadoc
   * gives them so that every Java platform draws the same numbers): a 48-bit linear congruential
   * generator, state' = state * 0x5DEECE66D + 0xB mod 2^48, advanced once per {@code nextInt()},
   * whose seed constructor stores {@code seed ^ 0x5DEECE66D}. Advancing n steps is the affine map
   * state -> a_n * state + c_n, composed by squaring; the result goes back through the
   * constructor's scramble.
   */
  static Random generatorAt(long seed, long calls) {
    long state = (seed ^ MULTIPLIER) & MASK;
    long mul = 1;
    long add = 0;
    long stepMul = MULTIPLIER;
    long stepAdd = ADDEND;
    for (long n = calls; n > 0; n >>>= 1) {
      if ((n & 1) != 0) {
        mul *= stepMul;
        add = add * stepMul + stepAdd;
      }
      stepAdd = (stepMul + 1) * stepAdd;
      stepMul *= stepMul;
    }
    // arithmetic mod 2^64 is exact mod 2^48, which divides it
    return new Random(((mul * state + add) & MASK) ^ MULTIPLIER);
  }
}
