package org.reorder.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s/Dockerfile, read statically (no container engine on build machines): it copies
 * what the build writes and the repository holds, to the paths deploy/submit/k8s.sh submits,
 * sends exactly those files as context, and pairs the CUDA runtime with the library's flavour.
 */
class ExecutorImageIT {
  private static final Path DOCKERFILE = SubmitScriptsIT.ROOT.resolve("deploy/k8s/Dockerfile");
  /** Source in the repository to destination in the image, for each plain COPY. */
  private static final Map<String, String> COPIES = new HashMap<>();
  private static String text;

  @BeforeAll
  static void readDockerfile() throws Exception {
    text = Files.readString(DOCKERFILE);
    for (String line : text.split("\n")) {
      if (line.startsWith("COPY ") && !line.contains("--from=")) {
        List<String> words = List.of(line.substring(5).trim().split("\\s+")).stream()
            .filter(w -> !w.startsWith("--")).toList();
        assertEquals(2, words.size(), "COPY with one source and one destination: " + line);
        COPIES.put(words.get(0), words.get(1));
      }
    }
  }

  private static String copiedTo(String glob) {
    String dst = COPIES.get(glob);
    assertTrue(dst != null, "the Dockerfile copies no " + glob + "; it copies " + COPIES);
    return dst;
  }

  private static boolean matches(String glob, String path) {
    return FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(path));
  }

  private static String env(String name) {
    Matcher m = Pattern.compile("(?m)^ENV " + name + "=(\\S+)").matcher(text);
    assertTrue(m.find(), "no ENV " + name + " in " + DOCKERFILE);
    return m.group(1);
  }

  @Test
  void copiesWhatTheBuildWritesToWhereK8sShLooks() throws Exception {
    SubmitScriptsIT.Run k8s = SubmitScriptsIT.dryRun("k8s.sh", Map.of(), SubmitScriptsIT.SWEEP);
    assertEquals(0, k8s.exit(), k8s.err());

    String appJar = "spark-jobs/target/spark-jobs-*-cluster.jar";
    assertTrue(matches(appJar, "spark-jobs/target/spark-jobs-" + System.getProperty("project.version")
        + "-cluster.jar"), "the cluster profile's jar name");
    assertTrue(k8s.argv().contains("local://" + copiedTo(appJar)), k8s.argv().toString());

    String script = "deploy/gpu/discover-gpus.sh";
    assertTrue(Files.isRegularFile(SubmitScriptsIT.ROOT.resolve(script)));
    assertTrue(k8s.confs().contains("spark.executor.resource.gpu.discoveryScript="
        + copiedTo(script)), k8s.confs().toString());

    // The name maven-dependency-plugin gives the copy in spark-jobs' cluster profile.
    String cudaJar = "spark-jobs/target/cuda/pytorch-native-cu*-linux-x86_64.jar";
    assertTrue(matches(cudaJar, "spark-jobs/target/cuda/pytorch-native-"
        + System.getProperty("pytorch.cuda.flavor") + "-VERSION-linux-x86_64.jar"));
    assertEquals(copiedTo(cudaJar), env("SPARK_EXTRA_CLASSPATH"));
  }

  @Test
  void sendsExactlyTheCopiedFilesAsContext() throws Exception {
    List<String> ignore = Files.readAllLines(DOCKERFILE.resolveSibling("Dockerfile.dockerignore"))
        .stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertEquals("*", ignore.get(0));
    assertEquals(COPIES.keySet(), ignore.subList(1, ignore.size()).stream()
        .map(l -> l.substring(1)).collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void theCudaRuntimeIsTheLibrarysFlavour() {
    Matcher m = Pattern.compile("(?m)^ARG CUDA_VERSION=(\\d+)\\.(\\d+)$").matcher(text);
    assertTrue(m.find(), "no ARG CUDA_VERSION=<major>.<minor>");
    assertEquals(System.getProperty("pytorch.cuda.flavor"), "cu" + m.group(1) + m.group(2));
  }
}
