package org.reorder.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.cli.ReorderCli;
import picocli.CommandLine;

/**
 * deploy/submit/*.sh with {@code DRY_RUN=1}: the spark-submit line each prints (read back with
 * bash) runs the CLI's class from the application jar with arguments the CLI accepts, ships the
 * CUDA native library as {@code CUDA_NATIVE_JAR} says, refuses one of another PyTorch version,
 * and passes the CUDA allocator settings to the executors.
 */
class SubmitScriptsIT {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final List<String> SWEEP =
      List.of("sweep", "--config", "s3a://bucket/sweep.yaml", "--run-dir", "s3a://bucket/runs");
  /** Settings of the caller's environment that would change the lines. */
  private static final List<String> SETTINGS = List.of("CUDA_NATIVE_JAR",
      "PYTORCH_CUDA_ALLOC_CONF", "GPUS_PER_EXECUTOR", "GPUS_PER_TASK", "DISCOVERY_SCRIPT",
      "S3A_CONF", "EXECUTORS", "SPARK_HOME", "SPARK_SUBMIT", "IN_IMAGE_JAR");

  @TempDir Path tmp;

  /** What a script did: its exit code, its spark-submit arguments (exit 0) and its stderr. */
  record Run(int exit, List<String> argv, String err) {
    /** The value following {@code flag}, or null. */
    String after(String flag) {
      int i = argv.indexOf(flag);
      return i < 0 ? null : argv.get(i + 1);
    }

    List<String> confs() {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < argv.size() - 1; i++) {
        if (argv.get(i).equals("--conf")) {
          out.add(argv.get(i + 1));
        }
      }
      return out;
    }
  }

  static Path appJar() {
    return Path.of(System.getProperty("app.jar"));
  }

  static Run dryRun(String script, Map<String, String> env, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash",
        ROOT.resolve("deploy/submit/" + script).toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> e = pb.environment();
    SETTINGS.forEach(e::remove);
    e.putAll(Map.of("DRY_RUN", "1", "APP_JAR", appJar().toString(),
        "SPARK_MASTER", "spark://master:7077", "K8S_MASTER", "k8s://https://api:6443",
        "IMAGE", "registry/reorder:test"));
    e.putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    return new Run(exit, exit == 0 ? words(out.strip()) : List.of(), err);
  }

  /** The words of a line printed with {@code printf %q}, as bash reads them. */
  private static List<String> words(String line) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", "eval \"a=($1)\"; printf '%s\\0' \"${a[@]}\"",
        "words", line).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "cannot read back: " + line);
    return Arrays.asList(out.substring(0, out.length() - 1).split("\0", -1));
  }

  /** A jar laid out as pytorch-native-cu124 is, with only its properties file. */
  private Path cudaJar(String version) throws IOException {
    Path jar = tmp.resolve("pytorch-native-cu124-" + version + "-linux-x86_64.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("native/lib/pytorch.properties"));
      out.write(("version=" + version + "\nflavor=cu124\nclassifier=linux-x86_64\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  /** The PyTorch version of the application jar's (CPU) native library, e.g. 2.7.1-20250812. */
  private static String appPytorchVersion() throws IOException {
    try (JarFile jar = new JarFile(appJar().toFile())) {
      Properties p = new Properties();
      p.load(jar.getInputStream(jar.getEntry("native/lib/pytorch.properties")));
      return p.getProperty("version");
    }
  }

  @Test
  void everyScriptSubmitsTheCliFromTheApplicationJarWithArgumentsItAccepts() throws Exception {
    Map<String, String> jars = Map.of("standalone.sh", appJar().toString(),
        "yarn.sh", appJar().toString(), "k8s.sh", "local:///opt/reorder/reorder-cluster.jar");
    for (var script : jars.entrySet()) {
      Run run = dryRun(script.getKey(), Map.of(), SWEEP);
      assertEquals(0, run.exit(), script.getKey() + ": " + run.err());
      assertEquals("spark-submit", run.argv().get(0));
      assertEquals(ReorderCli.class.getName(), run.after("--class"), script.getKey());
      int jar = run.argv().indexOf(script.getValue());
      assertTrue(jar > 0, script.getKey() + " does not submit " + script.getValue() + ": "
          + run.argv());
      List<String> appArgs = run.argv().subList(jar + 1, run.argv().size());
      assertEquals(SWEEP, appArgs, script.getKey());
      new CommandLine(new ReorderCli()).parseArgs(appArgs.toArray(String[]::new));
      assertTrue(run.confs().contains("spark.executor.resource.gpu.amount=1"), script.getKey());
      assertFalse(run.argv().contains("--jars"), script.getKey() + ": " + run.argv());
    }
  }

  @Test
  void theCudaLibraryShipsWithJarsOrJoinsTheClasspathWhereItIs() throws Exception {
    Path cuda = cudaJar(appPytorchVersion());
    for (String script : List.of("standalone.sh", "yarn.sh", "k8s.sh")) {
      Run shipped = dryRun(script, Map.of("CUDA_NATIVE_JAR", cuda.toString()), SWEEP);
      assertEquals(0, shipped.exit(), shipped.err());
      assertEquals(cuda.toString(), shipped.after("--jars"), script);
      assertTrue(shipped.confs().stream().noneMatch(c -> c.contains("extraClassPath")), script);

      Run inPlace = dryRun(script, Map.of("CUDA_NATIVE_JAR",
          "local:///opt/djl/pytorch-native-cu124.jar"), SWEEP);
      assertEquals(0, inPlace.exit(), inPlace.err());
      assertTrue(inPlace.confs().contains(
          "spark.executor.extraClassPath=/opt/djl/pytorch-native-cu124.jar"), inPlace.argv().toString());
      assertFalse(inPlace.argv().contains("--jars"), script);
    }
    Run remote = dryRun("yarn.sh", Map.of("CUDA_NATIVE_JAR",
        "hdfs:///jars/pytorch-native-cu124-2.5.1-linux-x86_64.jar"), SWEEP);
    assertEquals("hdfs:///jars/pytorch-native-cu124-2.5.1-linux-x86_64.jar", remote.after("--jars"));
    Run cpuOnly = dryRun("standalone.sh", Map.of("CUDA_NATIVE_JAR", cuda.toString(),
        "GPUS_PER_EXECUTOR", "0"), SWEEP);
    assertFalse(cpuOnly.argv().contains("--jars"), cpuOnly.argv().toString());
  }

  @Test
  void aCudaLibraryThatDoesNotFitTheApplicationJarIsRefused() throws Exception {
    Run other = dryRun("standalone.sh", Map.of("CUDA_NATIVE_JAR",
        cudaJar("9.9.9-20990101").toString()), SWEEP);
    assertEquals(2, other.exit());
    assertTrue(other.err().contains("CUDA_NATIVE_JAR holds PyTorch 9.9.9 but " + appJar()
        + " was built for " + appPytorchVersion().replaceFirst("-.*", "")), other.err());
    assertTrue(other.err().contains("mvn -B -Pcluster,cuda -DskipTests package"), other.err());

    Run missing = dryRun("yarn.sh", Map.of("CUDA_NATIVE_JAR", tmp.resolve("none.jar")
        .toString()), SWEEP);
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("CUDA_NATIVE_JAR=" + tmp.resolve("none.jar")
        + " is not a file"), missing.err());
  }

  @Test
  void cudaAllocatorSettingsReachTheExecutors() throws Exception {
    for (String script : List.of("standalone.sh", "yarn.sh", "k8s.sh")) {
      Run set = dryRun(script, Map.of("PYTORCH_CUDA_ALLOC_CONF",
          "expandable_segments:True,max_split_size_mb:256"), SWEEP);
      assertTrue(set.confs().contains("spark.executorEnv.PYTORCH_CUDA_ALLOC_CONF="
          + "expandable_segments:True,max_split_size_mb:256"), script + ": " + set.argv());
      Run unset = dryRun(script, new HashMap<>(), SWEEP);
      assertTrue(unset.confs().stream().noneMatch(c -> c.contains("PYTORCH_CUDA_ALLOC_CONF")),
          script);
    }
  }
}
