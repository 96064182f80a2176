package org.reorder.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The result of one finished run: its final validation and, for REOrder runs, the learned order.
 *
 * @param runId the run
 * @param architecture backbone name
 * @param order starting order
 * @param mode fixed or reorder
 * @param steps steps trained
 * @param images validation images
 * @param loss validation loss
 * @param top1 top-1 accuracy in [0, 1]
 * @param top1Se its bootstrap standard error
 * @param top5 top-5 accuracy
 * @param top5Se its bootstrap standard error
 * @param validationOrder the order validation used (prior, or the learned mode)
 * @param logits the final policy logits (null in fixed runs)
 */
public record RunOutcome(
    @JsonProperty("run_id") String runId,
    @JsonProperty("architecture") String architecture,
    @JsonProperty("order") String order,
    @JsonProperty("mode") String mode,
    @JsonProperty("steps") int steps,
    @JsonProperty("images") int images,
    @JsonProperty("loss") double loss,
    @JsonProperty("top1") double top1,
    @JsonProperty("top1_se") double top1Se,
    @JsonProperty("top5") double top5,
    @JsonProperty("top5_se") double top5Se,
    @JsonProperty("validation_order") int[] validationOrder,
    @JsonProperty("logits") double[] logits) {}
