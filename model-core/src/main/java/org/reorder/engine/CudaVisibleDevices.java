package org.reorder.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code CUDA_VISIBLE_DEVICES} mask a cluster manager (YARN, Kubernetes) sets: CUDA numbers the
 * GPUs it lists from 0 in the listed order, so CUDA device {@code i} is the {@code i}-th entry, an
 * nvidia-smi index (what Spark's discovery script reports) or a GPU UUID.
 *
 * @param entries the listed GPUs, trimmed, in CUDA order
 */
public record CudaVisibleDevices(List<String> entries) {

  public CudaVisibleDevices {
    entries = List.copyOf(entries);
  }

  /** The mask in {@code value}; empty when it is unset or blank (every GPU visible as itself). */
  public static Optional<CudaVisibleDevices> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new CudaVisibleDevices(
        Arrays.stream(value.split(",")).map(String::trim).toList()));
  }

  /** The mask of this process's environment. */
  public static Optional<CudaVisibleDevices> fromEnvironment() {
    return parse(System.getenv("CUDA_VISIBLE_DEVICES"));
  }

  /** The CUDA index of the GPU listed as {@code gpu}, or -1 when the mask hides it. */
  public int cudaIndexOf(String gpu) {
    return entries.indexOf(gpu.trim());
  }

  /** How nvidia-smi names CUDA device {@code cudaIndex} (its {@code -i} argument). */
  public String entry(int cudaIndex) {
    return entries.get(cudaIndex);
  }
}
