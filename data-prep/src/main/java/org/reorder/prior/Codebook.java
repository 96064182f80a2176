package org.reorder.prior;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.reorder.patch.PatchFormat;

/**
 * The VQ codebook of the {@code tokens} prior: K centers in patch space ({@code C*p*p} uint8 values
 * as doubles), learned with Spark MLlib's k-means on the patches of a sample of images; {@link
 * #assign} maps each patch to its nearest center (squared L2, ties to the lower index).
 */
public final class Codebook implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int dim;
  private final float[] centers; // [K, dim]
  private final float[] halfNorms; // ||c||^2 / 2, so argmin ||x-c||^2 = argmax x.c - ||c||^2/2

  public Codebook(double[][] centers) {
    if (centers.length == 0) {
      throw new IllegalArgumentException("a codebook needs at least one center");
    }
    this.dim = centers[0].length;
    this.centers = new float[centers.length * dim];
    this.halfNorms = new float[centers.length];
    for (int k = 0; k < centers.length; k++) {
      double n = 0;
      for (int d = 0; d < dim; d++) {
        this.centers[k * dim + d] = (float) centers[k][d];
        n += centers[k][d] * centers[k][d];
      }
      halfNorms[k] = (float) (n / 2);
    }
  }

  /** Number of codes K (k-means may return fewer than asked when patches repeat). */
  public int size() {
    return halfNorms.length;
  }

  /** The code of each of the {@code patches.length / dim} patches. */
  public int[] assign(byte[] patches) {
    int n = patches.length / dim;
    int[] codes = new int[n];
    float[] x = new float[dim];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < dim; d++) {
        x[d] = patches[i * dim + d] & 0xFF;
      }
      int best = 0;
      float bestScore = Float.NEGATIVE_INFINITY;
      for (int k = 0; k < halfNorms.length; k++) {
        float dot = 0;
        int off = k * dim;
        for (int d = 0; d < dim; d++) {
          dot += x[d] * centers[off + d];
        }
        float score = dot - halfNorms[k];
        if (score > bestScore) {
          bestScore = score;
          best = k;
        }
      }
      codes[i] = best;
    }
    return codes;
  }

  /**
   * Learns a codebook of (at most) {@code k} centers with Spark MLlib k-means (k-means||
   * initialisation, fixed seed) on every patch of {@code images} (rows with a {@code patches}
   * column).
   */
  public static Codebook train(
      SparkSession spark, Dataset<Row> images, int patchDim, int k, int iterations, long seed) {
    JavaRDD<Row> vectors =
        images.select(PatchFormat.PATCHES).toJavaRDD().mapPartitions(new ToVectors(patchDim));
    Dataset<Row> features =
        spark
            .createDataFrame(vectors, new StructType().add("features", new VectorUDT(), false))
            .persist(StorageLevel.MEMORY_AND_DISK());
    KMeans kmeans = new KMeans();
    kmeans.setK(k);
    kmeans.setMaxIter(iterations);
    kmeans.setSeed(seed);
    kmeans.setFeaturesCol("features");
    KMeansModel model = kmeans.fit(features);
    features.unpersist();
    Vector[] centers = model.clusterCenters();
    double[][] out = new double[centers.length][];
    for (int i = 0; i < centers.length; i++) {
      out[i] = centers[i].toArray();
    }
    return new Codebook(out);
  }

  /** One feature vector per patch. */
  private static final class ToVectors implements FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;
    private final int patchDim;

    ToVectors(int patchDim) {
      this.patchDim = patchDim;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      List<Row> out = new ArrayList<>();
      while (rows.hasNext()) {
        byte[] patches = rows.next().getAs(0);
        for (int i = 0; i < patches.length / patchDim; i++) {
          double[] v = new double[patchDim];
          for (int d = 0; d < patchDim; d++) {
            v[d] = patches[i * patchDim + d] & 0xFF;
          }
          out.add(RowFactory.create(Vectors.dense(v)));
        }
      }
      return out.iterator();
    }
  }
}
