package org.reorder.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reorder.cli.ReorderCli;
import picocli.CommandLine;

/**
 * The Airflow DAG in deploy/airflow must submit what the CLI accepts. Airflow cannot be installed
 * here, so the DAG is read with Python's ast module (deploy/airflow/extract_tasks.py) and every
 * task's class, jar and arguments are checked against the CLI itself: its help text and its parser.
 */
class AirflowDagIT {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static JsonNode dag;

  @BeforeAll
  static void extractTasks() throws Exception {
    Process p = new ProcessBuilder("python3",
        ROOT.resolve("deploy/airflow/extract_tasks.py").toString(),
        ROOT.resolve("deploy/airflow/reorder_dag.py").toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor(), "extract_tasks.py failed");
    dag = new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
  }

  private static List<JsonNode> tasks() {
    List<JsonNode> tasks = new ArrayList<>();
    dag.get("tasks").forEach(tasks::add);
    return tasks;
  }

  @Test
  void schedulesPrepPriorSweepReportInThatOrder() {
    assertEquals(List.of("prep", "prior", "sweep", "report"),
        tasks().stream().map(t -> t.get("task_id").asText()).toList());
    assertEquals("[[\"prep\",\"prior\"],[\"prior\",\"sweep\"],[\"sweep\",\"report\"]]",
        dag.get("edges").toString());
  }

  @Test
  void everyTaskSubmitsTheCliClassFromTheClusterJarWithJava17Opens() {
    for (JsonNode t : tasks()) {
      String id = t.get("task_id").asText();
      assertEquals("SparkSubmitOperator", t.get("operator").asText(), id);
      assertEquals(ReorderCli.class.getName(), t.get("java_class").asText(), id);
      assertTrue(t.get("application").asText().contains("reorder_jar"), id + ": application");
      for (String side : List.of("driver", "executor")) {
        String opts = t.get("conf").path("spark." + side + ".extraJavaOptions").asText();
        assertTrue(opts.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"),
            id + ": spark." + side + ".extraJavaOptions lacks Spark's Java 17 opens");
      }
    }
  }

  @Test
  void onlyTheGpuTaskShipsTheCudaLibrary() {
    for (JsonNode t : tasks()) {
      String id = t.get("task_id").asText();
      boolean gpu = t.get("conf").has("spark.executor.resource.gpu.amount");
      assertEquals(gpu, id.equals("sweep"), id);
      assertEquals(gpu ? "{{ var.value.get('reorder_cuda_native_jar', '') }}" : "",
          t.path("jars").asText(), id);
    }
  }

  @Test
  void everyTasksArgumentsAreInTheCommandsHelpAndParse() throws IOException {
    CommandLine cli = new CommandLine(new ReorderCli());
    Map<String, CommandLine> commands = cli.getSubcommands();
    for (JsonNode t : tasks()) {
      List<String> args = new ArrayList<>();
      t.get("application_args").forEach(a -> args.add(a.asText()));
      String command = args.get(0);
      if (!commands.containsKey(command)) {
        fail("task " + t.get("task_id").asText() + " runs '" + command
            + "', which is not a reorder command; known: " + commands.keySet());
      }
      String help = commands.get(command).getUsageMessage();
      for (String arg : args) {
        if (arg.startsWith("--")) {
          String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
          assertTrue(help.contains(option), "reorder " + command + " --help does not list "
              + option + " (task " + t.get("task_id").asText() + ")");
        }
      }
      try {
        new CommandLine(new ReorderCli()).parseArgs(args.toArray(String[]::new));
      } catch (CommandLine.ParameterException e) {
        fail("task " + t.get("task_id").asText() + ": the CLI rejects " + args + ": "
            + e.getMessage());
      }
    }
  }
}
