package org.reorder.dataset;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The readers as Spark sources: a dataset is listed on the driver ({@link #list}) and its bytes are
 * read on executors ({@link #load}), giving one row per image with {@link #SCHEMA}: {@code
 * image_id, source_path, split, label, label_name, content} (the encoded image), {@code metadata}
 * (the sidecar JSON text, fMoW), {@code bbox} ({@code [x, y, w, h]} from it) and, when the image
 * cannot be used, {@code problem} (a quarantine reason code) and {@code problem_detail}.
 */
public final class ImageSources {
  public static final StructType SCHEMA =
      new StructType()
          .add("image_id", DataTypes.StringType, false)
          .add("source_path", DataTypes.StringType, false)
          .add("split", DataTypes.StringType, false)
          .add("label", DataTypes.IntegerType, false)
          .add("label_name", DataTypes.StringType, false)
          .add("content", DataTypes.BinaryType, true)
          .add("metadata", DataTypes.StringType, true)
          .add("bbox", DataTypes.createArrayType(DataTypes.IntegerType, false), true)
          .add("problem", DataTypes.StringType, true)
          .add("problem_detail", DataTypes.StringType, true);

  private ImageSources() {}

  /**
   * Lists the dataset on the driver: the class list and every image with its label. A transient
   * storage error restarts the listing under {@code policy}'s retries, then fails with {@link
   * TransientStorageException}.
   *
   * @throws IllegalArgumentException for a missing input, split, class map or label file, and for
   *     a tree that does not have the layout of the dataset kind
   */
  public static SourceListing list(SourceSpec spec, Configuration conf, ReadPolicy policy)
      throws IOException {
    return StorageReads.retrying("cannot list " + spec.input(), policy, () -> list(spec, conf));
  }

  /** {@link #list(SourceSpec, Configuration, ReadPolicy)} without retries of its own. */
  public static SourceListing list(SourceSpec spec, Configuration conf) throws IOException {
    Path root = new Path(spec.input());
    FileSystem fs = root.getFileSystem(conf);
    Path classMap = spec.classMap() == null ? null : new Path(spec.classMap());
    return switch (spec.kind()) {
      case SYNTHETIC, IMAGENET ->
          ImageNetLister.list(
              fs,
              root,
              spec.splits(),
              classMap,
              spec.valLabels() == null ? null : new Path(spec.valLabels()));
      case FMOW -> {
        Map<String, Path> lists = new HashMap<>();
        spec.splitLists().forEach((k, v) -> lists.put(k, new Path(v)));
        yield FmowLister.list(fs, root, spec.splits(), classMap, lists);
      }
      case FASHION_MNIST -> FashionMnistReader.list(fs, root, spec.splits());
    };
  }

  /**
   * The source rows of {@code listing}, read lazily on executors in {@code partitions} tasks (0
   * picks about 64 images per task, at least the default parallelism) under {@code policy}.
   */
  public static Dataset<Row> load(
      SparkSession spark, SourceListing listing, int partitions, ReadPolicy policy) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<SourceImage> images = listing.images();
    int n =
        partitions > 0 ? partitions : Math.max(jsc.defaultParallelism(), (images.size() + 63) / 64);
    JavaRDD<Row> rows =
        jsc.parallelize(images, Math.max(1, Math.min(n, Math.max(1, images.size()))))
            .mapPartitions(
                new SourceReader(
                    new SerializableConfiguration(jsc.hadoopConfiguration()), policy));
    return spark.createDataFrame(rows, SCHEMA);
  }

  /**
   * {@link #list} then {@link #load} with the session's Hadoop configuration and the default read
   * policy.
   */
  public static Dataset<Row> read(SparkSession spark, SourceSpec spec) throws IOException {
    return load(spark, list(spec, spark.sparkContext().hadoopConfiguration()), 0, ReadPolicy.DEFAULT);
  }
}
