package org.reorder.prior;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.reorder.order.ScanOrder;

/**
 * Settings of one {@code reorder prior} run, validated before any work starts.
 *
 * @param input a patch dataset directory (written by {@code reorder prep})
 * @param output where the per-image table, the summary and prior.json go
 * @param split the split to score
 * @param orders order names or {@code custom:...} specs (see {@code org.reorder.order.Orders})
 * @param modes {@code pixels} and/or {@code tokens} (tokens gives unigram and bigram measures)
 * @param codebookSize K of the k-means codebook
 * @param codebookImages images whose patches train the codebook
 * @param kmeansIterations k-means iterations
 * @param sample images scored (a seeded hash sample); 0 scores every image
 * @param rule {@code least} (default, the paper's) or {@code most} compressible order as prior
 * @param measure the measure the rule is applied to; null picks tokens-bigram when tokens are
 *     measured, else pixels
 * @param lzmaPreset LZMA preset 0..9 (raw LZMA2, the preset's dictionary)
 * @param bootstrap bootstrap resamples for the 95 % intervals
 * @param seed seed of the sample, k-means, the bootstrap and the random order
 */
public record PriorOptions(
    String input,
    String output,
    String split,
    List<String> orders,
    List<String> modes,
    int codebookSize,
    int codebookImages,
    int kmeansIterations,
    int sample,
    String rule,
    Measure measure,
    int lzmaPreset,
    int bootstrap,
    long seed) {

  public PriorOptions {
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("--input is required");
    }
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("--output is required");
    }
    if (split == null || split.isBlank()) {
      throw new IllegalArgumentException("--split must name a split");
    }
    orders = List.copyOf(orders == null || orders.isEmpty() ? paperOrders() : orders);
    modes = List.copyOf(modes == null || modes.isEmpty() ? List.of("pixels", "tokens") : modes);
    for (String m : modes) {
      if (!m.equals("pixels") && !m.equals("tokens")) {
        throw new IllegalArgumentException(
            "--modes: unknown mode '" + m + "'; known: pixels, tokens");
      }
    }
    if (codebookSize < 2 || codebookSize > 65536) {
      throw new IllegalArgumentException(
          "--codebook-size must be in 2..65536, got " + codebookSize);
    }
    if (codebookImages < 1 || kmeansIterations < 1 || sample < 0 || bootstrap < 1) {
      throw new IllegalArgumentException(
          "--codebook-images, --kmeans-iterations and --bootstrap must be >= 1 and --sample >= 0");
    }
    rule = rule == null ? "least" : rule.toLowerCase(Locale.ROOT);
    if (!rule.equals("least") && !rule.equals("most")) {
      throw new IllegalArgumentException("--rule must be least or most, got '" + rule + "'");
    }
    if (measure == null) {
      measure = modes.contains("tokens") ? Measure.TOKENS_BIGRAM : Measure.PIXELS;
    }
    if (!measuresOf(modes).contains(measure)) {
      throw new IllegalArgumentException(
          "--measure " + measure.cliName() + " is not measured by --modes " + modes);
    }
    if (lzmaPreset < 0 || lzmaPreset > 9) {
      throw new IllegalArgumentException("--lzma-preset must be in 0..9, got " + lzmaPreset);
    }
  }

  /** Defaults: paper orders, both modes, K 256 on 256 images, 20 iterations, all images. */
  public static PriorOptions of(String input, String output) {
    return new PriorOptions(
        input, output, "train", null, null, 256, 256, 20, 0, "least", null, 6, 1000, 42);
  }

  /** The measures these modes produce, in a fixed order. */
  public List<Measure> measures() {
    return measuresOf(modes);
  }

  private static List<Measure> measuresOf(List<String> modes) {
    List<Measure> out = new ArrayList<>();
    if (modes.contains("pixels")) {
      out.add(Measure.PIXELS);
    }
    if (modes.contains("tokens")) {
      out.add(Measure.TOKENS_UNIGRAM);
      out.add(Measure.TOKENS_BIGRAM);
    }
    return out;
  }

  private static List<String> paperOrders() {
    return ScanOrder.PAPER_ORDERS.stream().map(ScanOrder::cliName).toList();
  }
}
