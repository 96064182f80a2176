package org.reorder.eval;

import ai.djl.engine.Engine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.reorder.device.TaskDevice;
import org.reorder.infer.InferenceModel;
import org.reorder.infer.Predictions;
import org.reorder.order.Permutation;
import org.reorder.patch.PatchBatch;

/**
 * The executor side of {@link PatchClassifier}: takes the JVM's cached model for the task's device,
 * cuts the partition into batches of {@code batchSize} rows, and returns each input row with
 * prediction, probabilities, top-5 classes and (with labels) the loss appended. Rows are pulled
 * lazily, one batch at a time, so a partition never sits in memory whole.
 */
final class ScorePartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final int TOP_K = 5;
  private final ScoringSpec spec;

  ScorePartition(ScoringSpec spec) {
    this.spec = spec;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    if (!rows.hasNext()) {
      return rows; // an empty partition needs no model
    }
    InferenceModel model = ModelCache.get(spec,
        TaskDevice.forCurrentTask(Engine.getInstance().getGpuCount()));
    Permutation order = Permutation.of(spec.order());
    return new Iterator<>() {
      private final ArrayDeque<Row> ready = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        if (ready.isEmpty() && rows.hasNext()) {
          scoreNextBatch(model, order, rows, ready);
        }
        return !ready.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }
    };
  }

  private void scoreNextBatch(InferenceModel model, Permutation order, Iterator<Row> rows,
      ArrayDeque<Row> out) {
    int n = model.config().numPatches();
    int patchDim = model.config().patchDim();
    int imageBytes = n * patchDim;
    List<Row> batch = new ArrayList<>(spec.batchSize());
    while (batch.size() < spec.batchSize() && rows.hasNext()) {
      batch.add(rows.next());
    }
    byte[] patches = new byte[batch.size() * imageBytes];
    int[] labels = new int[batch.size()];
    String[] ids = new String[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      Row row = batch.get(i);
      byte[] image = row.isNullAt(spec.patchesIndex()) ? null : row.getAs(spec.patchesIndex());
      if (image == null || image.length != imageBytes) {
        throw new IllegalArgumentException("column '" + spec.patchesColumn() + "' of "
            + describe(row) + " has " + (image == null ? "null" : image.length + " bytes")
            + "; the model expects " + n + " patches of " + patchDim + " uint8 values ("
            + imageBytes + " bytes)");
      }
      System.arraycopy(image, 0, patches, i * imageBytes, imageBytes);
      ids[i] = Integer.toString(i);
      if (spec.labelIndex() >= 0) {
        if (row.isNullAt(spec.labelIndex())) {
          throw new IllegalArgumentException("the label of " + describe(row) + " is null");
        }
        labels[i] = ((Number) row.get(spec.labelIndex())).intValue();
        if (labels[i] < 0 || labels[i] >= model.config().numClasses()) {
          throw new IllegalArgumentException("the label of " + describe(row) + " is " + labels[i]
              + ", outside the model's " + model.config().numClasses() + " classes");
        }
      }
    }
    Predictions p = model.predict(
        new PatchBatch(patches, batch.size(), n, patchDim, labels, ids), order);
    for (int i = 0; i < batch.size(); i++) {
      Row row = batch.get(i);
      int extra = spec.labelIndex() >= 0 ? 4 : 3;
      Object[] values = new Object[row.length() + extra];
      for (int j = 0; j < row.length(); j++) {
        values[j] = row.get(j);
      }
      values[row.length()] = p.predictedClass(i);
      values[row.length() + 1] = p.probabilities(i);
      values[row.length() + 2] = p.topK(i, TOP_K);
      if (spec.labelIndex() >= 0) {
        values[row.length() + 3] = p.loss(i, labels[i]);
      }
      out.add(RowFactory.create(values));
    }
  }

  private String describe(Row row) {
    return spec.idIndex() >= 0 ? "image " + row.get(spec.idIndex()) : "a row";
  }
}
