package org.reorder.engine;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The line a model's first training step prints (org.reorder.train.BackboneTrainer), so that
 * every run's and every Spark task's log says where it trained: the device, for a GPU its name and
 * the CUDA runtime version, the compute type, and the native library.
 */
public final class DeviceBanner {
  private static final Map<Device, String> DEVICES = new ConcurrentHashMap<>();

  private DeviceBanner() {}

  /**
   * For example {@code training on gpu(0) (NVIDIA A100-SXM4-80GB, CUDA runtime 12.4) in float16;
   * PyTorch 2.5.1 (DJL 0.33.0), cu124 library at /tmp/djl/pytorch/2.5.1-20241113-cu124-linux-x86_64}.
   */
  public static String describe(Device device, DataType computeType) {
    NativeLibrary library = NativeLibrary.loaded();
    return "training on " + DEVICES.computeIfAbsent(device, DeviceBanner::where) + " in "
        + computeType.name().toLowerCase(Locale.ROOT) + "; " + library.summary() + " at "
        + library.path();
  }

  private static String where(Device device) {
    if (!device.isGpu()) {
      return device.toString();
    }
    return device + " (" + Gpus.name(device.getDeviceId()) + ", CUDA runtime "
        + Gpus.cudaRuntime().orElse("unknown") + ")";
  }
}
