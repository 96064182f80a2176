package org.reorder.engine;

import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The GPUs of this node as the engine and the CUDA runtime see them. */
public final class Gpus {
  private static final Map<Integer, String> NAMES = new ConcurrentHashMap<>();

  private Gpus() {}

  /** How many GPUs the engine can train on: 0 with a CPU library, whatever the node has. */
  public static int usable() {
    return Engine.getInstance().getGpuCount();
  }

  /**
   * The version of the CUDA runtime ({@code libcudart}) DJL found on this node, e.g. {@code 12.4};
   * empty when it found none or no GPU. DJL loads a CUDA flavour of PyTorch only when this is at
   * least the flavour's version ({@code cu124}: 12.4).
   */
  public static Optional<String> cudaRuntime() {
    if (CudaUtils.getGpuCount() == 0) {
      return Optional.empty();
    }
    int v = CudaUtils.getCudaVersion(); // 12040 for 12.4
    return Optional.of(v / 1000 + "." + (v / 10) % 10);
  }

  /** How many GPUs the CUDA runtime sees, whichever library the engine loaded. */
  public static int onNode() {
    return CudaUtils.getGpuCount();
  }

  /**
   * The name of CUDA device {@code cudaIndex} ({@code nvidia-smi --query-gpu=name}, asked once per
   * JVM), or why it is unknown. Honours {@code CUDA_VISIBLE_DEVICES}: nvidia-smi numbers all the
   * node's GPUs, CUDA only the visible ones.
   */
  public static String name(int cudaIndex) {
    return NAMES.computeIfAbsent(cudaIndex, i -> nvidiaSmiName(CudaVisibleDevices
        .fromEnvironment().filter(mask -> i < mask.entries().size()).map(mask -> mask.entry(i))
        .orElse(Integer.toString(i))));
  }

  private static String nvidiaSmiName(String gpu) {
    try {
      Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name", "--format=csv,noheader",
          "-i", gpu).redirectErrorStream(true).start();
      // A hung driver hangs nvidia-smi: wait a bounded time (its one line fits the pipe), then read.
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "name unknown (nvidia-smi did not answer in 10 s)";
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.exitValue() == 0 && !out.isEmpty() ? out
          : "name unknown (nvidia-smi -i " + gpu + ": " + out + ")";
    } catch (IOException e) {
      return "name unknown (no nvidia-smi)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "name unknown (interrupted)";
    }
  }
}
