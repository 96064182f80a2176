package org.reorder.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.reorder.train.CurriculumPlan;
import org.reorder.train.RunFiles;

/**
 * The results of a finished sweep in its run directory: {@code tables/accuracy.parquet} and
 * {@code tables/accuracy.json} (one row per architecture, order and mode, top-1/top-5 with
 * bootstrap standard errors), {@code tables/metrics.parquet} (every run's per-round metrics),
 * {@code runs/RUN/learned-order.json} per REOrder run, and a readable summary table.
 */
final class SweepOutputs {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final StructType ACCURACY = new StructType()
      .add("architecture", DataTypes.StringType).add("order", DataTypes.StringType)
      .add("mode", DataTypes.StringType).add("run_id", DataTypes.StringType)
      .add("top1", DataTypes.DoubleType).add("top1_se", DataTypes.DoubleType)
      .add("top5", DataTypes.DoubleType).add("top5_se", DataTypes.DoubleType)
      .add("loss", DataTypes.DoubleType).add("images", DataTypes.IntegerType)
      .add("steps", DataTypes.IntegerType).add("best_top1", DataTypes.DoubleType)
      .add("best_top1_se", DataTypes.DoubleType).add("best_epoch", DataTypes.IntegerType);

  private SweepOutputs() {}

  static void write(SparkSession spark, RunDirectory dir, List<RunTracker> runs,
      List<RunOutcome> outcomes) {
    List<Row> rows = new ArrayList<>();
    for (RunOutcome o : outcomes) {
      rows.add(RowFactory.create(o.architecture(), o.order(), o.mode(), o.runId(), o.top1(),
          o.top1Se(), o.top5(), o.top5Se(), o.loss(), o.images(), o.steps(), o.bestTop1(),
          o.bestTop1Se(), o.bestEpoch()));
    }
    spark.createDataFrame(rows, ACCURACY).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(dir.path(RunFiles.TABLES + "/" + RunFiles.ACCURACY_TABLE));
    ArrayNode table = JSON.createArrayNode();
    for (RunOutcome o : outcomes) {
      table.addObject().put("architecture", o.architecture()).put("order", o.order())
          .put("mode", o.mode()).put("run_id", o.runId()).put("top1", o.top1())
          .put("top1_se", o.top1Se()).put("top5", o.top5()).put("top5_se", o.top5Se())
          .put("loss", o.loss()).put("images", o.images()).put("steps", o.steps())
          .put("best_top1", o.bestTop1()).put("best_top1_se", o.bestTop1Se())
          .put("best_epoch", o.bestEpoch());
    }
    dir.write(dir.path(RunFiles.TABLES + "/" + RunFiles.ACCURACY_JSON), table.toPrettyString());

    List<String> lines = new ArrayList<>();
    runs.forEach(r -> lines.addAll(r.metricsLines()));
    spark.read().json(spark.createDataset(lines, Encoders.STRING())).coalesce(1).write()
        .mode(SaveMode.Overwrite).parquet(dir.path(RunFiles.TABLES + "/" + RunFiles.METRICS_TABLE));

    for (RunTracker r : runs) {
      if (r.reinforce() == null) {
        continue;
      }
      CurriculumPlan plan = r.plan();
      int side = r.spec().config().gridSide();
      ObjectNode learned = JSON.createObjectNode();
      learned.put("run_id", r.spec().id()).put("rows", side).put("cols", side);
      learned.putPOJO("start", plan.prior().toArray());
      learned.putPOJO("learned", r.reinforce().policy().mode().toArray());
      learned.putPOJO("logits", r.reinforce().policy().logits());
      dir.write(dir.run(r.spec().id(), RunFiles.LEARNED_ORDER), learned.toPrettyString());
    }
  }

  /** A fixed-width table of the outcomes, one line per run. */
  static String summary(String name, List<RunOutcome> outcomes) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%nSweep %s: %d runs%n", name, outcomes.size()));
    String header = String.format(Locale.ROOT, "%-16s %-12s %-8s %18s %18s %8s %24s  %s",
        "architecture", "order", "mode", "top-1 % (± se)", "top-5 % (± se)", "loss",
        "best top-1 % (epoch)", "validation order");
    b.append(header).append('\n').append("-".repeat(header.length())).append('\n');
    for (RunOutcome o : outcomes) {
      b.append(String.format(Locale.ROOT,
          "%-16s %-12s %-8s %10.2f ± %5.2f %10.2f ± %5.2f %8.4f %10.2f ± %5.2f (%3d)  %s%n",
          o.architecture(), o.order(), o.mode(), 100 * o.top1(), 100 * o.top1Se(),
          100 * o.top5(), 100 * o.top5Se(), o.loss(), 100 * o.bestTop1(), 100 * o.bestTop1Se(),
          o.bestEpoch() + 1, abbreviate(o.validationOrder())));
    }
    return b.toString();
  }

  private static String abbreviate(int[] order) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < order.length && i < 12; i++) {
      b.append(i == 0 ? "" : " ").append(order[i]);
    }
    return b.append(order.length > 12 ? " ...]" : "]").toString();
  }
}
