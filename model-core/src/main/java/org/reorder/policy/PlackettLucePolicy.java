package org.reorder.policy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;
import org.reorder.order.Permutation;

/**
 * A Plackett-Luce distribution over orders of N patches, with one logit {@code z[j]} per patch.
 *
 * <p>A permutation {@code pi} (slot {@code i} holds patch {@code pi[i]}) has probability {@code
 * prod_i exp(z[pi[i]]) / sum_{k>=i} exp(z[pi[k]])}: slot by slot, the next patch is drawn from a
 * softmax over the patches not placed yet. Sampling is Gumbel-top-k, so a sample costs one sort,
 * O(N log N); the log-probability and its gradient cost O(N) for a given permutation (see {@code
 * docs/policy.md} for the derivation).
 *
 * <p>Immutable and serializable: the driver broadcasts it as a snapshot; {@link
 * ReinforceOptimizer} replaces it after each update.
 */
public final class PlackettLucePolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] logits;

  private PlackettLucePolicy(double[] logits) {
    this.logits = logits;
  }

  /**
   * A policy with the given logits (copied).
   *
   * @throws IllegalArgumentException if {@code logits} is empty or holds a non-finite value
   */
  public static PlackettLucePolicy ofLogits(double[] logits) {
    if (logits.length == 0) {
      throw new IllegalArgumentException("a policy needs at least 1 logit, got 0");
    }
    for (int i = 0; i < logits.length; i++) {
      if (!Double.isFinite(logits[i])) {
        throw new IllegalArgumentException("policy logit " + i + " is " + logits[i]);
      }
    }
    return new PlackettLucePolicy(logits.clone());
  }

  /**
   * The linear ramp from 0 to -1 laid out along the prior scan {@code prior}, in one of two
   * variants (see {@link InitVariant}). With one patch the single logit is 0.
   */
  public static PlackettLucePolicy initFrom(Permutation prior, InitVariant variant) {
    int n = prior.size();
    double[] z = new double[n];
    if (n > 1) {
      double denom = n - 1;
      for (int k = 0; k < n; k++) {
        switch (variant) {
          case MODE -> z[prior.patchAt(k)] = -k / denom;
          case REFERENCE -> z[k] = -prior.patchAt(k) / denom;
        }
      }
    }
    return new PlackettLucePolicy(z);
  }

  /** Number of patches N. */
  public int size() {
    return logits.length;
  }

  /** A copy of the logits, indexed by patch. */
  public double[] logits() {
    return logits.clone();
  }

  /** The most likely order: patches by decreasing logit, ties by lower patch index first. */
  public Permutation mode() {
    return Permutation.of(ArgSort.descending(logits));
  }

  /**
   * Draws an order by Gumbel-top-k: {@code argsort_desc(z + temperature * g)} with {@code g_i =
   * -log(-log u_i)}, {@code u_i} uniform on (0, 1). At temperature 1 this is an exact sample of
   * the policy; at {@code t} it samples {@code PL(z / t)}; at 0 it is the {@link #mode()}.
   *
   * @throws IllegalArgumentException if the temperature is negative or not finite
   */
  public Permutation sample(RandomGenerator rng, double temperature) {
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "Gumbel temperature must be finite and >= 0, got " + temperature);
    }
    double[] keys = new double[logits.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = logits[i] + temperature * gumbel(rng);
    }
    return Permutation.of(ArgSort.descending(keys));
  }

  /** {@code count} independent samples (for image granularity). */
  public List<Permutation> sampleBatch(RandomGenerator rng, double temperature, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("sample count must be >= 0, got " + count);
    }
    List<Permutation> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(sample(rng, temperature));
    }
    return out;
  }

  /**
   * The orders for one mini-batch of {@code batchSize} images: with {@link Granularity#BATCH} one
   * sample repeated for every image, with {@link Granularity#IMAGE} one sample per image.
   */
  public List<Permutation> sampleForBatch(
      RandomGenerator rng, double temperature, Granularity granularity, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    return switch (granularity) {
      case BATCH -> Collections.nCopies(batchSize, sample(rng, temperature));
      case IMAGE -> sampleBatch(rng, temperature, batchSize);
    };
  }

  /**
   * The exact log-probability {@code sum_i [z[pi_i] - logsumexp_{k>=i} z[pi_k]]} of {@code pi}
   * under the untempered logits, O(N).
   */
  public double logProb(Permutation pi) {
    double[] lse = suffixLogSumExp(pi);
    double sum = 0;
    for (int i = 0; i < lse.length; i++) {
      sum += logits[pi.patchAt(i)] - lse[i];
    }
    return sum;
  }

  /** The gradient of {@link #logProb} with respect to the logits, indexed by patch, O(N). */
  public double[] gradLogProb(Permutation pi) {
    double[] grad = new double[logits.length];
    accumulateGradLogProb(pi, 1.0, grad);
    return grad;
  }

  /**
   * Adds {@code scale * grad log P(pi)} to {@code acc} and returns {@code log P(pi)}, sharing one
   * suffix-logsumexp pass between the two (what a REINFORCE step needs), O(N).
   *
   * <p>With {@code L_i = logsumexp_{k>=i} z[pi_k]}, {@code d log P / d z_j = 1 - sum_{i<=p}
   * exp(z_j - L_i)} where {@code p} is the slot of {@code j}. The sum is {@code exp(z_j - L_p) *
   * C_p} with {@code C_p = sum_{i<=p} exp(L_p - L_i) = C_{p-1} exp(L_p - L_{p-1}) + 1}: since
   * {@code L} decreases along the slots every factor is at most 1, so {@code 1 <= C_p <= p+1} and
   * nothing overflows whatever the logits' range.
   */
  public double accumulateGradLogProb(Permutation pi, double scale, double[] acc) {
    if (acc.length != logits.length) {
      throw new IllegalArgumentException(
          "gradient buffer has length " + acc.length + ", policy has " + logits.length);
    }
    double[] lse = suffixLogSumExp(pi);
    double logProb = 0;
    double c = 0;
    double previous = lse[0];
    for (int p = 0; p < lse.length; p++) {
      int j = pi.patchAt(p);
      c = c * Math.exp(lse[p] - previous) + 1;
      previous = lse[p];
      double gap = logits[j] - lse[p];
      logProb += gap;
      acc[j] += scale * (1 - Math.exp(gap) * c);
    }
    return logProb;
  }

  /**
   * {@code L_i = logsumexp_{k>=i} z[pi_k]}, accumulated from the last slot backwards as an online
   * logsumexp: {@code L = m + log(s)} with {@code m} the running maximum and {@code s = sum exp(z -
   * m) >= 1}, rescaled when a larger logit arrives, so nothing overflows and terms far below the
   * maximum underflow harmlessly. One exp and one log per slot.
   */
  private double[] suffixLogSumExp(Permutation pi) {
    if (pi.size() != logits.length) {
      throw new IllegalArgumentException(
          "permutation has " + pi.size() + " elements, policy has " + logits.length);
    }
    int n = logits.length;
    double[] lse = new double[n];
    double max = logits[pi.patchAt(n - 1)];
    double sum = 1;
    lse[n - 1] = max;
    for (int i = n - 2; i >= 0; i--) {
      double z = logits[pi.patchAt(i)];
      if (z <= max) {
        sum += Math.exp(z - max);
      } else {
        sum = sum * Math.exp(max - z) + 1;
        max = z;
      }
      lse[i] = max + Math.log(sum);
    }
    return lse;
  }

  /**
   * A standard Gumbel draw {@code -log(-log u)} with {@code u = (m + 1/2) / 2^52} for a uniform
   * 52-bit {@code m}: u lies in [2^-53, 1 - 2^-53], strictly inside (0, 1), so g is always finite.
   */
  private static double gumbel(RandomGenerator rng) {
    double u = ((rng.nextLong() >>> 12) + 0.5) * 0x1.0p-52;
    return -Math.log(-Math.log(u));
  }

  @Override
  public String toString() {
    return "PlackettLucePolicy[N=" + logits.length + "]";
  }
}
