package org.reorder.sweep;

import org.reorder.config.ExperimentConfig;

/**
 * One run of a sweep: an architecture, a starting order, a mode and the experiment config they
 * resolve to.
 *
 * @param id directory-safe identifier, {@code <model>-<order>-<mode>}
 * @param model backbone name ({@code vit}, {@code longformer}, ...)
 * @param order starting order (an order name or {@code custom:...})
 * @param mode fixed or reorder
 * @param config the resolved experiment config of this run
 */
public record RunSpec(String id, String model, String order, Mode mode, ExperimentConfig config) {

  /** The id of a run: {@code model-order-mode}, with anything but {@code [a-z0-9-]} replaced. */
  public static String idOf(String model, String order, Mode mode) {
    return (model + "-" + order + "-" + mode.cliName()).toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9-]+", "_");
  }
}
