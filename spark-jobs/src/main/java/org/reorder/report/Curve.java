package org.reorder.report;

import java.util.List;

/** One metric of one run over training steps (e.g. reward, baseline, temperature, loss). */
public record Curve(String metric, List<Double> steps, List<Double> values) {
  public Curve {
    if (steps.size() != values.size()) {
      throw new IllegalArgumentException(
          "curve " + metric + " has " + steps.size() + " steps and " + values.size() + " values");
    }
  }
}
