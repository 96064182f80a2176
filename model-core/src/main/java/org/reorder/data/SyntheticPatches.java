package org.reorder.data;

import java.util.Random;
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
 */
public final class SyntheticPatches {
  private final int numPatches;
  private final int patchDim;
  private final int numClasses;
  private final double noise;
  private final long seed;
  private final int labelPatches;
  private final byte[][] templates;
  private final byte[] sharedTemplate;

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
    Random rng = new Random(Seeds.derive(seed, "synthetic-templates", 0));
    templates = new byte[numClasses][numPatches * patchDim];
    for (byte[] t : templates) {
      rng.nextBytes(t);
    }
    // drawn after the class templates, so those stay the same whatever labelPatches is
    sharedTemplate = new byte[numPatches * patchDim];
    rng.nextBytes(sharedTemplate);
  }

  /** Image {@code i} of split {@code split}. */
  public ImageRow image(String split, int i) {
    Random rng = new Random(Seeds.derive(seed, "synthetic-" + split, i));
    int label = i % numClasses;
    byte[] t = templates[label];
    int labelBytes = labelPatches * patchDim;
    byte[] patches = new byte[t.length];
    for (int e = 0; e < t.length; e++) {
      int mean = (e < labelBytes ? t[e] : sharedTemplate[e]) & 0xFF;
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
}
