package org.reorder.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.reorder.checkpoint.RunStorage;
import org.reorder.config.ExperimentConfig;
import org.reorder.order.Orders;
import org.reorder.order.Permutation;
import org.reorder.train.RunFiles;

/**
 * Reads what {@link HtmlReport} shows out of a run directory, through Hadoop's FileSystem API so a
 * run directory on s3a:// reports like a local one.
 *
 * <p>A run is a directory holding {@code config.yaml} and {@code metrics.jsonl} (and, once done,
 * {@code summary.json} with the final and, when recorded, the best epoch's validation), as {@code
 * reorder train} writes it. The directory given may be one run or
 * hold runs one or two levels down (a sweep's {@code runs/<run-id>/}). Compressibility comes from
 * a prior job's {@code prior.json} when one is given.
 */
public final class RunDirectoryReader {
  /** Metrics drawn as curves, in this order, when a run logged them. */
  static final List<String> CURVE_METRICS = List.of(
      "loss", "train_acc", "reward", "baseline", "temperature", "policy_loss", "val_top1");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Configuration conf;

  public RunDirectoryReader(Configuration conf) {
    this.conf = conf;
  }

  /**
   * Reads every run under {@code dir} and, if {@code priorJson} is not null, the compressibility
   * summary of a prior job.
   *
   * @throws IllegalArgumentException if {@code dir} holds no run
   */
  public ReportData read(String dir, String priorJson) {
    Path root = new Path(dir);
    List<Path> runs = findRuns(root, 2);
    if (runs.isEmpty()) {
      throw new IllegalArgumentException(dir + " holds no run (a directory with " + RunFiles.CONFIG
          + " and " + RunFiles.METRICS + " or " + RunFiles.ROUND_METRICS + "/, as `reorder train` "
          + "or `reorder sweep` write)");
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("run directory", dir);
    facts.put("runs", Integer.toString(runs.size()));
    List<AccuracyCell> accuracy = new ArrayList<>();
    Map<String, List<Curve>> curves = new TreeMap<>();
    List<LearnedOrder> learned = new ArrayList<>();
    for (Path run : runs) {
      readRun(run, accuracy, curves, learned);
    }
    List<OrderScore> compressibility = List.of();
    if (priorJson != null) {
      JsonNode prior = readJson(new Path(priorJson));
      compressibility = PriorSummary.scores(prior, priorJson);
      facts.putAll(PriorSummary.facts(prior));
    }
    return new ReportData("REOrder report: " + root.getName(), facts, compressibility, accuracy,
        curves, learned);
  }

  private void readRun(Path run, List<AccuracyCell> accuracy, Map<String, List<Curve>> curves,
      List<LearnedOrder> learned) {
    String id = run.getName();
    ExperimentConfig config =
        ExperimentConfig.parse(readText(new Path(run, RunFiles.CONFIG)),
            run + "/" + RunFiles.CONFIG, id, List.of());
    String architecture = config.model().type().cliName();
    String startOrder = config.training().order();
    boolean reorder = config.reinforce().enabled();
    curves.put(id, curves(run));
    Path summaryFile = new Path(run, RunFiles.SUMMARY);
    if (!exists(summaryFile)) {
      return; // still running: curves only
    }
    JsonNode summary = readJson(summaryFile);
    JsonNode validation = summary.path("validation");
    JsonNode best = summary.path("best_validation");
    boolean hasBest = best.isObject() && summary.path("best_epoch").isInt();
    accuracy.add(new AccuracyCell(architecture, startOrder, reorder ? "reorder" : "fixed",
        100 * validation.path("top1").asDouble(), 100 * validation.path("top1_se").asDouble(),
        hasBest ? 100 * best.path("top1").asDouble() : null,
        hasBest ? 100 * best.path("top1_se").asDouble() : null,
        hasBest ? summary.path("best_epoch").asInt() + 1 : null));
    if (reorder && summary.has("order")) {
      int side = config.gridSide();
      int[] order = JSON.convertValue(summary.get("order"), int[].class);
      learned.add(new LearnedOrder(id, side, side,
          Orders.resolve(startOrder, side, side, config.training().seed()),
          Permutation.of(order, side * side)));
    }
  }

  /**
   * The metrics files of a run: {@code metrics.jsonl} ({@code reorder train}) or the round files of
   * {@code metrics/} (a sweep's run), in order.
   */
  private List<Path> metricsFiles(Path run) {
    Path single = new Path(run, RunFiles.METRICS);
    if (exists(single)) {
      return List.of(single);
    }
    Path rounds = new Path(run, RunFiles.ROUND_METRICS);
    if (!exists(rounds)) {
      return List.of();
    }
    try {
      FileStatus[] files = fs(rounds).listStatus(rounds);
      Arrays.sort(files);
      return Arrays.stream(files).map(FileStatus::getPath)
          .filter(p -> p.getName().endsWith(".jsonl")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + rounds + ": " + e.getMessage(), e);
    }
  }

  /** One curve per logged metric, over the step it was logged at. */
  private List<Curve> curves(Path run) {
    Map<String, List<Double>> steps = new LinkedHashMap<>();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (String metric : CURVE_METRICS) {
      steps.put(metric, new ArrayList<>());
      values.put(metric, new ArrayList<>());
    }
    for (Path metricsFile : metricsFiles(run)) {
      int lineNo = 0;
      for (String line : readText(metricsFile).split("\n")) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode row;
        try {
          row = JSON.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(metricsFile + " line " + lineNo + " is not JSON", e);
        }
        for (String metric : CURVE_METRICS) {
          JsonNode v = row.get(metric);
          if (v != null && v.isNumber() && Double.isFinite(v.asDouble())) {
            steps.get(metric).add(row.path("step").asDouble());
            values.get(metric).add(v.asDouble());
          }
        }
      }
    }
    List<Curve> curves = new ArrayList<>();
    for (String metric : CURVE_METRICS) {
      if (!values.get(metric).isEmpty()) {
        curves.add(new Curve(metric, steps.get(metric), values.get(metric)));
      }
    }
    return curves;
  }

  /** Runs at {@code dir} or up to {@code depth} levels below it, sorted by path. */
  private List<Path> findRuns(Path dir, int depth) {
    if (exists(new Path(dir, RunFiles.CONFIG)) && (exists(new Path(dir, RunFiles.METRICS))
        || exists(new Path(dir, RunFiles.ROUND_METRICS)))) {
      return List.of(dir);
    }
    List<Path> runs = new ArrayList<>();
    if (depth == 0 || !exists(dir)) {
      return runs;
    }
    try {
      FileStatus[] children = fs(dir).listStatus(dir);
      Arrays.sort(children);
      for (FileStatus child : children) {
        if (child.isDirectory() && !child.getPath().getName().startsWith("_")) {
          runs.addAll(findRuns(child.getPath(), depth - 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return runs;
  }

  private FileSystem fs(Path p) {
    return RunStorage.of(p, conf);
  }

  private boolean exists(Path p) {
    try {
      return fs(p).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + p, e);
    }
  }

  private String readText(Path p) {
    try (InputStream in = fs(p).open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  private JsonNode readJson(Path p) {
    try {
      return JSON.readTree(readText(p));
    } catch (IOException e) {
      throw new IllegalArgumentException(p + " is not valid JSON: " + e.getMessage(), e);
    }
  }
}
