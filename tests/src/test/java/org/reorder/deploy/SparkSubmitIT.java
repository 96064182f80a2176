package org.reorder.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real spark-submit path: {@code org.apache.spark.deploy.SparkSubmit --master local[2]} (the
 * class the spark-submit script runs) in a fresh JVM, with the shaded application jar that this
 * module builds exactly as {@code mvn -Pcluster package} does. The child's classpath is Spark's
 * (this test's classpath without the project's own modules), so the project's classes can only
 * come from the application jar.
 */
class SparkSubmitIT {
  @TempDir Path tmp;

  private static final List<String> PROJECT_MODULES =
      List.of("/model-core/target/", "/data-prep/target/", "/spark-jobs/target/", "/tests/target/");

  private String submit(String... appArgs) throws Exception {
    Path appJar = Path.of(System.getProperty("app.jar"));
    assertTrue(Files.isRegularFile(appJar), "no application jar at " + appJar);
    String sparkClasspath = Arrays.stream(System.getProperty("java.class.path")
            .split(File.pathSeparator))
        .filter(entry -> PROJECT_MODULES.stream().noneMatch(entry::contains))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    // The same Java 17 opens this JVM got from the build (Spark's JavaModuleOptions list).
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized")
            || a.startsWith("-Djdk.reflect") || a.startsWith("-Dai.djl"))
        .forEach(cmd::add);
    cmd.addAll(List.of("-cp", sparkClasspath, "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]", "--conf", "spark.ui.enabled=false",
        "--class", "org.reorder.cli.ReorderCli", appJar.toString()));
    cmd.addAll(List.of(appArgs));
    Path log = tmp.resolve("submit-" + appArgs[0] + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "spark-submit did not finish in 5 minutes");
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "spark-submit " + String.join(" ", appArgs) + " failed:\n"
        + out);
    return out;
  }

  @Test
  void generateAndPrepRunFromTheApplicationJar() throws Exception {
    String data = tmp.resolve("data").toString();
    String patches = tmp.resolve("patches").toString();
    String generated = submit("generate", "--output", data, "--classes", "2",
        "--images-per-class", "8", "--seed", "3");
    assertTrue(generated.contains("wrote {train=16, val=4} images"), generated);

    String prep = submit("prep", "--dataset", "synthetic", "--input", data, "--output", patches);
    assertTrue(prep.contains("reorder prep: wrote"), prep);
    assertTrue(Files.exists(tmp.resolve("patches/dataset.json")));
    try (var files = Files.walk(tmp.resolve("patches"))) {
      assertTrue(files.anyMatch(f -> f.toString().endsWith(".parquet")), "no Parquet written");
    }
  }
}
