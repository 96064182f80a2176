package org.reorder.config;

import java.util.List;

/**
 * {@code runtime:} where and how a run executes; nothing here changes the numbers it computes
 * (except {@code device}, through the kernels used).
 *
 * @param device {@code auto} (a GPU when the engine sees one, else the CPU), {@code cpu} or
 *     {@code gpu}
 * @param threads PyTorch intra-op threads; 0 keeps the engine default
 * @param progress print progress lines (rate, ETA) on stderr
 * @param progressIntervalSeconds at most one progress line per this many seconds
 */
public record RuntimeSection(
    String device, int threads, boolean progress, double progressIntervalSeconds) {

  public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");

  public RuntimeSection {
    Checks.oneOf("runtime.device", device, DEVICES);
    Checks.nonNegative("runtime.threads", threads);
    Checks.nonNegative("runtime.progress_interval_s", progressIntervalSeconds);
  }

  static RuntimeSection read(ConfigNode n) {
    return new RuntimeSection(
        n.string("device", "auto"),
        n.integer("threads", 0),
        n.bool("progress", true),
        n.number("progress_interval_s", 10));
  }
}
