package org.reorder.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.reorder.data.StoredOrderBatches;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchBatch;

/**
 * Validation results: top-1/top-5 accuracy with bootstrap standard errors and the mean loss.
 *
 * @param images number of validation images
 * @param loss mean cross-entropy
 * @param top1 top-1 accuracy in [0, 1]
 * @param top1Se bootstrap standard error of {@code top1}
 * @param top5 top-5 accuracy in [0, 1]
 * @param top5Se bootstrap standard error of {@code top5}
 */
public record Evaluation(
    @JsonProperty("images") int images,
    @JsonProperty("loss") double loss,
    @JsonProperty("top1") double top1,
    @JsonProperty("top1_se") double top1Se,
    @JsonProperty("top5") double top5,
    @JsonProperty("top5_se") double top5Se) implements java.io.Serializable {

  /** The {@code kind} of a validation's metrics line. */
  public static final String METRICS_KIND = "eval";

  /**
   * Runs {@code model} over every batch of {@code source} with every image in {@code order}; the
   * bootstrap draws {@code samples} resamples with {@code seed}.
   */
  public static Evaluation run(BackboneTrainer model, StoredOrderBatches source,
      Permutation order, int samples, long seed) {
    double[] top1 = new double[Math.toIntExact(source.images())];
    double[] top5 = new double[top1.length];
    double lossSum = 0;
    int i = 0;
    for (PatchBatch batch : source) {
      StepOutput out = model.evaluate(batch, order);
      for (int j = 0; j < out.size(); j++, i++) {
        top1[i] = out.top1()[j] ? 1 : 0;
        top5[i] = out.top5()[j] ? 1 : 0;
        lossSum += out.losses()[j];
      }
    }
    if (i != top1.length) {
      throw new IllegalStateException(
          "validation source yielded " + i + " images, announced " + top1.length);
    }
    return new Evaluation(i, lossSum / i, mean(top1), Bootstrap.standardError(top1, samples, seed),
        mean(top5), Bootstrap.standardError(top5, samples, seed));
  }

  /**
   * The {@code eval} metrics line of this validation after global step {@code step} (epoch
   * {@code epoch}, phase {@code phase}), with the order it used.
   */
  public MetricsLog.Line metricsLine(int step, int epoch, Phase phase, String order) {
    return MetricsLog.line(METRICS_KIND).put("step", step).put("epoch", epoch)
        .put("phase", phase.cliName()).put("val_loss", loss).put("val_top1", top1)
        .put("val_top1_se", top1Se).put("val_top5", top5).put("val_top5_se", top5Se)
        .put("val_images", images).put("val_order", order);
  }

  /**
   * The validation an {@code eval} metrics line records ({@link #metricsLine}'s inverse); a
   * value the line leaves out (a non-finite one) reads as NaN.
   */
  public static Evaluation fromMetricsLine(JsonNode line) {
    return new Evaluation(line.path("val_images").asInt(), number(line, "val_loss"),
        number(line, "val_top1"), number(line, "val_top1_se"), number(line, "val_top5"),
        number(line, "val_top5_se"));
  }

  private static double number(JsonNode line, String key) {
    return line.hasNonNull(key) ? line.get(key).asDouble() : Double.NaN;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }
}
