package org.reorder.prep;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;
import org.reorder.image.DecodeException;
import org.reorder.image.ImageDecoder;
import org.reorder.image.ImageTransformer;
import org.reorder.patch.PatchGrid;

/**
 * Executor side of the prep job: source rows ({@link org.reorder.dataset.ImageSources#SCHEMA}) in,
 * patch rows ({@link PatchTables#PATCH_SCHEMA}) out. An input that cannot be used goes to the
 * quarantine accumulator with its reason instead; nothing is dropped silently.
 */
final class PatchMaker implements FlatMapFunction<Iterator<Row>, Row> {
  private static final long serialVersionUID = 1L;

  private final ImageTransformer transformer;
  private final long maxPixels;
  private final CollectionAccumulator<QuarantineRecord> quarantine;

  PatchMaker(
      ImageTransformer transformer,
      long maxPixels,
      CollectionAccumulator<QuarantineRecord> quarantine) {
    this.transformer = transformer;
    this.maxPixels = maxPixels;
    this.quarantine = quarantine;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> source) {
    ImageDecoder decoder = new ImageDecoder(maxPixels);
    PatchGrid grid = transformer.grid();
    return new Iterator<>() {
      private Row next;

      @Override
      public boolean hasNext() {
        while (next == null && source.hasNext()) {
          next = convert(source.next(), decoder, grid);
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row r = next;
        next = null;
        return r;
      }
    };
  }

  /** The patch row of {@code src}, or null after quarantining it. */
  private Row convert(Row src, ImageDecoder decoder, PatchGrid grid) {
    String id = src.getAs("image_id");
    String path = src.getAs("source_path");
    String split = src.getAs("split");
    String problem = src.getAs("problem");
    if (problem != null) {
      quarantine.add(new QuarantineRecord(path, id, split, problem, src.getAs("problem_detail")));
      return null;
    }
    try {
      byte[] patches =
          transformer.patches(
              decoder.decode(src.getAs("content"), transformer.minDecodedSide()), box(src));
      return RowFactory.create(
          id,
          path,
          src.getAs("label"),
          src.getAs("label_name"),
          split,
          grid.rows(),
          grid.cols(),
          grid.patchSize(),
          grid.channels(),
          patches);
    } catch (DecodeException e) {
      quarantine.add(new QuarantineRecord(path, id, split, e.reason().code(), e.getMessage()));
    } catch (RuntimeException e) {
      // A decoder bug on one odd file must not end the job: quarantine it as corrupt, with why.
      quarantine.add(
          new QuarantineRecord(
              path, id, split, DecodeException.Reason.CORRUPT.code(), "decoder failed: " + e));
    }
    return null;
  }

  private static int[] box(Row src) {
    int i = src.fieldIndex("bbox");
    if (src.isNullAt(i)) {
      return null;
    }
    List<Integer> b = new ArrayList<>(src.getList(i));
    return b.stream().mapToInt(Integer::intValue).toArray();
  }
}
