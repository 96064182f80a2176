package org.reorder.policy;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The Gumbel temperature over the policy phase. {@code step} counts optimizer steps from the start
 * of the phase, {@code 0 <= step < totalSteps}; {@code f = step / (totalSteps - 1)} is the phase
 * fraction (0 when the phase has one step).
 *
 * @param shape the curve
 * @param peak its highest value (the paper: 0.2)
 * @param stepsPerEpoch steps in one epoch; only {@link Shape#REFERENCE_PER_EPOCH} reads it
 */
public record TemperatureSchedule(Shape shape, double peak, int stepsPerEpoch) {

  /** Temperature curves, named on the command line by {@link #cliName()}. */
  public enum Shape {
    /** {@code peak * (1 - |2f - 1|)}: 0, up to peak at mid-phase, back to 0 (the paper). */
    TRIANGLE("triangle"),
    /** {@code peak * (1 - f)}: from peak down to 0. */
    LINEAR("linear"),
    /** {@code peak * 1000^-f}: from peak down to peak/1000, by a constant factor per step. */
    EXPONENTIAL("exponential"),
    /**
     * A trapezoid: linear rise to peak over the first quarter, peak for the middle half, linear
     * fall to 0 over the last quarter.
     */
    PLATEAU("plateau"),
    /**
     * The reference code's behaviour: the triangle table has one entry per step, but it is
     * advanced once per epoch, so step {@code s} reads entry {@code floor(s / stepsPerEpoch)}.
     * Over a phase of E epochs the temperature only climbs the first E entries of the ramp and
     * never exceeds {@code peak * 2E / (totalSteps - 1)}, about {@code 2 * peak /
     * stepsPerEpoch}: practically zero, so sampling stays at the mode.
     */
    REFERENCE_PER_EPOCH("reference-per-epoch");

    private final String cliName;

    Shape(String cliName) {
      this.cliName = cliName;
    }

    /** The name used on the command line and in JSON. */
    public String cliName() {
      return cliName;
    }

    /**
     * Looks a shape up by {@link #cliName()} (case-insensitive).
     *
     * @throws IllegalArgumentException listing the known names
     */
    public static Shape fromName(String name) {
      for (Shape s : values()) {
        if (s.cliName.equalsIgnoreCase(name)) {
          return s;
        }
      }
      throw new IllegalArgumentException(
          "unknown temperature schedule '" + name + "'; known: "
              + Arrays.stream(values()).map(Shape::cliName).collect(Collectors.joining(", ")));
    }
  }

  /** Validates the values. */
  public TemperatureSchedule {
    if (shape == null) {
      throw new IllegalArgumentException("temperature schedule shape must be set");
    }
    if (!(peak >= 0) || Double.isInfinite(peak)) {
      throw new IllegalArgumentException("peak temperature must be finite and >= 0, got " + peak);
    }
    if (stepsPerEpoch < 1) {
      throw new IllegalArgumentException("steps per epoch must be >= 1, got " + stepsPerEpoch);
    }
  }

  /** The schedule named {@code name} (see {@link Shape#fromName}). */
  public static TemperatureSchedule of(String name, double peak, int stepsPerEpoch) {
    return new TemperatureSchedule(Shape.fromName(name), peak, stepsPerEpoch);
  }

  /**
   * The temperature at {@code step} of a phase of {@code totalSteps} steps.
   *
   * @throws IllegalArgumentException if {@code step} is outside {@code [0, totalSteps)}
   */
  public double temperature(int step, int totalSteps) {
    if (totalSteps < 1 || step < 0 || step >= totalSteps) {
      throw new IllegalArgumentException(
          "temperature step " + step + " outside [0, " + totalSteps + ")");
    }
    return switch (shape) {
      case TRIANGLE -> triangle(step, totalSteps);
      case LINEAR -> peak * (1 - fraction(step, totalSteps));
      case EXPONENTIAL -> peak * Math.pow(1000, -fraction(step, totalSteps));
      case PLATEAU -> peak * Math.min(1, 4 * Math.min(fraction(step, totalSteps),
          1 - fraction(step, totalSteps)));
      case REFERENCE_PER_EPOCH -> triangle(step / stepsPerEpoch, totalSteps);
    };
  }

  private double triangle(int step, int totalSteps) {
    return peak * (1 - Math.abs(2 * fraction(step, totalSteps) - 1));
  }

  private static double fraction(int step, int totalSteps) {
    return totalSteps == 1 ? 0 : (double) step / (totalSteps - 1);
  }
}
