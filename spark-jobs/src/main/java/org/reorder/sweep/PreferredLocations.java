package org.reorder.sweep;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.reorder.round.TaskSpec;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag$;

/**
 * A round's tasks as an RDD of one partition per task (partition p is replica p), each preferring
 * the executor that ran its replica's previous round, where the replica's state is still in
 * memory. A preference, not a rule: Spark runs a task elsewhere after its locality wait, and the
 * task then restores from the checkpoint.
 */
final class PreferredLocations {
  private PreferredLocations() {}

  /**
   * @param locations per task, {@code executor_<host>_<id>} or null (no preference)
   */
  static JavaRDD<TaskSpec> rdd(JavaSparkContext jsc, List<TaskSpec> tasks,
      List<String> locations) {
    List<Tuple2<TaskSpec, Seq<String>>> items = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      List<String> preferred = locations.get(i) == null || locations.get(i).isEmpty() ? List.of()
          : List.of(locations.get(i));
      items.add(new Tuple2<>(tasks.get(i),
          JavaConverters.asScalaBufferConverter(preferred).asScala().toSeq()));
    }
    RDD<TaskSpec> rdd = jsc.sc().makeRDD(
        JavaConverters.asScalaBufferConverter(items).asScala().toSeq(),
        ClassTag$.MODULE$.apply(TaskSpec.class));
    return rdd.toJavaRDD();
  }
}
