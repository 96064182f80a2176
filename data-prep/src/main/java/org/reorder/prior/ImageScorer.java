package org.reorder.prior;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchFormat;

/**
 * Executor side of the prior job: for each image and each (order, measure), the LZMA reduction of
 * its serialized sequence. One {@link LzmaScorer} per task (it is not thread-safe and caches its
 * encoder arrays across images). Output rows follow {@link #SCHEMA}.
 */
final class ImageScorer implements FlatMapFunction<Iterator<Row>, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA =
      new StructType()
          .add(PatchFormat.IMAGE_ID, DataTypes.StringType, false)
          .add(PatchFormat.LABEL, DataTypes.IntegerType, false)
          .add("order", DataTypes.StringType, false)
          .add("measure", DataTypes.StringType, false)
          .add("raw_bytes", DataTypes.IntegerType, false)
          .add("compressed_bytes", DataTypes.IntegerType, false)
          .add("reduction_pct", DataTypes.DoubleType, false);

  private final String[] orderNames;
  private final int[][] orders;
  private final Measure[] measures;
  private final Codebook codebook;
  private final int patchDim;
  private final int lzmaPreset;

  /** Permutations travel as int arrays; Permutation itself is not Serializable. */
  ImageScorer(
      List<String> orderNames,
      List<Permutation> orders,
      List<Measure> measures,
      Codebook codebook,
      int patchDim,
      int lzmaPreset) {
    this.orderNames = orderNames.toArray(String[]::new);
    this.orders = orders.stream().map(Permutation::toArray).toArray(int[][]::new);
    this.measures = measures.toArray(Measure[]::new);
    this.codebook = codebook;
    this.patchDim = patchDim;
    this.lzmaPreset = lzmaPreset;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> images) {
    LzmaScorer scorer = new LzmaScorer(LzmaSettings.ofPreset(lzmaPreset));
    List<Permutation> perms = new ArrayList<>();
    for (int[] o : orders) {
      perms.add(Permutation.of(o));
    }
    return new Iterator<>() {
      private Iterator<Row> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && images.hasNext()) {
          current = score(images.next(), scorer, perms).iterator();
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        hasNext();
        return current.next();
      }
    };
  }

  private List<Row> score(Row image, LzmaScorer scorer, List<Permutation> perms) {
    String id = image.getAs(PatchFormat.IMAGE_ID);
    int label = image.getAs(PatchFormat.LABEL);
    byte[] patches = image.getAs(PatchFormat.PATCHES);
    int[] codes = codebook == null ? null : codebook.assign(patches);
    List<Row> out = new ArrayList<>(perms.size() * measures.length);
    for (int o = 0; o < perms.size(); o++) {
      Permutation perm = perms.get(o);
      for (Measure m : measures) {
        byte[] bytes =
            switch (m) {
              case PIXELS -> PixelSerializer.serialize(patches, patchDim, perm);
              case TOKENS_UNIGRAM -> TokenSerializer.unigram(perm.apply(codes), codebook.size());
              case TOKENS_BIGRAM -> TokenSerializer.bigram(perm.apply(codes), codebook.size());
            };
        Compression c = scorer.score(bytes);
        out.add(
            RowFactory.create(
                id,
                label,
                orderNames[o],
                m.cliName(),
                c.rawBytes(),
                c.compressedBytes(),
                c.reductionPercent()));
      }
    }
    return out;
  }
}
