package org.reorder.device;

import ai.djl.Device;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.reorder.config.ConfigException;
import org.apache.spark.resource.ResourceInformation;
import org.reorder.engine.CudaVisibleDevices;

/**
 * Chooses the DJL device a Spark task trains on, from the GPU addresses Spark assigned the task
 * ({@code spark.task.resource.gpu.amount}).
 *
 * <p>The choice is a pure function of (assigned addresses, {@code CUDA_VISIBLE_DEVICES}, GPUs the
 * engine sees) so it is unit-tested without a cluster; {@link #forCurrentTask} only gathers those
 * inputs. Spark's addresses are what the discovery script printed (nvidia-smi indices); when the
 * cluster manager narrows {@code CUDA_VISIBLE_DEVICES}, CUDA renumbers the visible GPUs from 0, so
 * the address is looked up in that list.
 */
public final class TaskDevice {

  /** The device chosen and, when it is a fallback, why. */
  public record Choice(Device device, Optional<String> warning) {}

  private TaskDevice() {}

  /**
   * The device for the task running in this thread of a run whose {@code runtime.device} is
   * {@code configured}: with {@code gpu} a task that would fall back to the CPU fails instead,
   * saying why.
   *
   * @throws ConfigException naming runtime.device
   */
  public static Choice forRunTask(String configured, int enginesGpuCount) {
    Choice choice = forCurrentTask(enginesGpuCount);
    if (configured.equals("gpu") && !choice.device().isGpu()) {
      throw ConfigException.at("runtime.device", "gpu requested, but this task cannot train on "
          + "one: " + choice.warning().orElse("the engine sees no GPU") + " (`reorder doctor` on "
          + "the executor's node shows why; docs/cluster.md)");
    }
    return choice;
  }

  /** The device for the task running in this thread (CPU on the driver or outside a task). */
  public static Choice forCurrentTask(int enginesGpuCount) {
    TaskContext task = TaskContext.get();
    List<String> addresses = List.of();
    if (task != null) {
      Map<String, ResourceInformation> resources = task.resourcesJMap();
      ResourceInformation gpu = resources.get("gpu");
      if (gpu != null) {
        addresses = Arrays.asList(gpu.addresses());
      }
    }
    return choose(addresses, System.getenv("CUDA_VISIBLE_DEVICES"), enginesGpuCount);
  }

  /**
   * @param assigned the GPU addresses Spark gave the task (empty when none was requested)
   * @param cudaVisibleDevices the executor's {@code CUDA_VISIBLE_DEVICES}, or null when unset
   * @param enginesGpuCount how many GPUs the DJL engine can use (0 with the CPU-only native library)
   */
  public static Choice choose(List<String> assigned, String cudaVisibleDevices, int enginesGpuCount) {
    if (assigned.isEmpty()) {
      return cpu(enginesGpuCount > 0
          ? "this task was assigned no GPU (set spark.task.resource.gpu.amount); training on CPU"
          : null);
    }
    String address = assigned.get(0).trim();
    int index;
    Optional<CudaVisibleDevices> mask = CudaVisibleDevices.parse(cudaVisibleDevices);
    if (mask.isPresent()) {
      index = mask.get().cudaIndexOf(address);
      if (index < 0) {
        return cpu("GPU address " + address + " assigned by Spark is not in CUDA_VISIBLE_DEVICES="
            + cudaVisibleDevices + "; training on CPU");
      }
    } else {
      try {
        index = Integer.parseInt(address);
      } catch (NumberFormatException e) {
        return cpu("GPU address '" + address + "' is not a GPU index; training on CPU");
      }
    }
    if (index >= enginesGpuCount) {
      return cpu("GPU " + address + " was assigned but the PyTorch engine sees " + enginesGpuCount
          + " GPU(s) (CPU-only native library? see docs/cluster.md); training on CPU");
    }
    return new Choice(Device.gpu(index), Optional.empty());
  }

  private static Choice cpu(String warning) {
    return new Choice(Device.cpu(), Optional.ofNullable(warning));
  }
}
