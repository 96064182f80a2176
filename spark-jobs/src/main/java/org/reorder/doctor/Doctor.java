package org.reorder.doctor;

import ai.djl.Device;
import ai.djl.util.Utils;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.reorder.engine.Gpus;
import org.reorder.engine.NativeLibrary;

/**
 * The report {@code reorder doctor} prints: the engine, the native library's flavour and folder,
 * the flavours the classpath offers, the CUDA runtime and GPUs, the settings that change them, and
 * one training step per device ({@link StepCheck}), each in float32 and in mixed precision.
 */
public final class Doctor {
  /** Environment variables that change which library loads or how it uses the GPU. */
  static final List<String> SETTINGS = List.of("CUDA_VISIBLE_DEVICES", "PYTORCH_CUDA_ALLOC_CONF",
      "PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR", "DJL_CACHE_DIR");

  private final PrintStream out;

  public Doctor(PrintStream out) {
    this.out = out;
  }

  /**
   * Prints the report; returns the problems found (empty: all is well). With {@code requireGpu},
   * an engine that cannot train on a GPU is a problem.
   */
  public List<String> examine(boolean requireGpu) {
    List<String> problems = new ArrayList<>();
    NativeLibrary library = NativeLibrary.loaded();
    row("engine", library.engine() + " " + library.version() + " (DJL " + library.djlVersion()
        + ")");
    row("native library", library.flavour() + " (built with CUDA: " + (library.cuda() ? "yes"
        : "no") + ") at " + library.path());
    List<NativeLibrary.Offered> offered =
        NativeLibrary.offered(Thread.currentThread().getContextClassLoader());
    String label = "classpath offers";
    for (NativeLibrary.Offered o : offered) {
      row(label, o.flavour() + " " + o.version() + " from " + o.source());
      label = "";
    }
    Optional<String> cudaRuntime = Gpus.cudaRuntime();
    row("CUDA runtime", cudaRuntime.map(v -> v + " with " + Gpus.onNode() + " GPU(s)")
        .orElse("none found (no GPU, or no libcudart.so.12 on the library path)"));
    int gpus = Gpus.usable();
    row("GPUs to train on", Integer.toString(gpus));
    for (int i = 0; i < gpus; i++) {
      row("", Device.gpu(i) + " " + Gpus.name(i));
    }
    for (String name : SETTINGS) {
      String value = System.getenv(name);
      row(name, value == null ? "(unset)" : value);
    }
    row("cache", Utils.getEngineCacheDir("pytorch") + " (offline: "
        + Boolean.getBoolean("ai.djl.offline") + ")");

    boolean cudaOffered = offered.stream().anyMatch(o -> o.flavour().startsWith("cu"));
    String why = "the engine sees no GPU";
    if (cudaOffered && !library.cuda()) {
      why = "a CUDA library is on the classpath but DJL loaded the " + library.flavour()
          + " one: DJL loads a CUDA flavour only when a CUDA runtime on the library path "
          + "(libcudart.so.12, at least the flavour's version) shows it a GPU";
      out.println("note: " + why);
    } else if (!cudaOffered) {
      why = "no CUDA library on the classpath (add the pytorch-native-cu* jar, docs/cluster.md)";
    }
    if (requireGpu && gpus == 0) {
      problems.add("--require-gpu: the engine cannot train on a GPU here: " + why);
    }

    out.println("one training step of a tiny ViT per device:");
    List<Device> devices = new ArrayList<>();
    devices.add(Device.cpu());
    for (int i = 0; i < gpus; i++) {
      devices.add(Device.gpu(i));
    }
    for (Device device : devices) {
      for (boolean mixed : new boolean[] {false, true}) {
        String what = device + (mixed ? " float16 (mixed precision)" : " float32");
        try {
          StepCheck.Result r = StepCheck.run(device, mixed);
          out.printf(Locale.ROOT, "  %-32s loss %.4f in %.2f s%s%n", what, r.loss(), r.seconds(),
              r.ok() ? (r.skipped() ? ", update skipped (float16 overflow at the first loss "
                  + "scale)" : "") : "  FAILED: the loss is not finite");
          if (!r.ok()) {
            problems.add(what + ": the loss is not finite");
          }
        } catch (RuntimeException e) {
          out.println("  " + what + "  FAILED: " + e);
          problems.add(what + ": " + e.getMessage());
        }
      }
    }
    return problems;
  }

  private void row(String label, String value) {
    out.printf(Locale.ROOT, "%-24s %s%n", label, value);
  }
}
