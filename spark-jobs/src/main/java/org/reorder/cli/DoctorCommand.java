package org.reorder.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.reorder.doctor.Doctor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reorder doctor}: what this node offers the training code, and one training step per
 * device. Exit codes: 0 all is well, 1 a problem was found (each printed on stderr).
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the engine, the PyTorch native library (flavour and folder), the CUDA runtime, the",
      "GPUs and the settings that change them, then trains a tiny model one step on each",
      "device (float32 and mixed precision). No Spark; run it on the node to check, e.g. the",
      "first GPU node of a cluster (docs/cluster.md)."
    })
public final class DoctorCommand implements Callable<Integer> {

  @Option(names = "--require-gpu",
      description = "Fail unless the engine can train on a GPU here (default: off).")
  boolean requireGpu;

  @Override
  public Integer call() {
    List<String> problems = new Doctor(System.out).examine(requireGpu);
    for (String problem : problems) {
      System.err.println("reorder doctor: " + problem);
    }
    System.out.println(problems.isEmpty() ? "reorder doctor: ok" : "reorder doctor: "
        + problems.size() + " problem(s)");
    return problems.isEmpty() ? 0 : 1;
  }
}
