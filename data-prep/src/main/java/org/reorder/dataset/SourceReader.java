package org.reorder.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;
import org.reorder.image.DecodeException;
import org.reorder.image.DecodeException.Reason;
import scala.collection.JavaConverters;

/**
 * Executor side of {@link ImageSources#load}: reads each listed image's bytes and metadata through
 * Hadoop's FileSystem ({@link StorageReads}). Nothing here throws for one bad input; the problem
 * is recorded in the row. A transient storage error that outlasts the retries throws {@link
 * TransientStorageException} and fails the task: it is no property of the input.
 */
final class SourceReader implements FlatMapFunction<Iterator<SourceImage>, Row> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SerializableConfiguration conf;
  private final ReadPolicy policy;

  SourceReader(SerializableConfiguration conf, ReadPolicy policy) {
    this.conf = conf;
    this.policy = policy;
  }

  @Override
  public Iterator<Row> call(Iterator<SourceImage> images) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return images.hasNext();
      }

      @Override
      public Row next() {
        return read(images.next());
      }
    };
  }

  private Row read(SourceImage img) {
    if (img.problem() != null) {
      return row(img, null, null, null, img.problem(), img.problemDetail());
    }
    if (img.label() < 0) {
      return row(
          img,
          null,
          null,
          null,
          Reason.UNKNOWN_LABEL,
          "label '" + img.labelName() + "' is not in the class list");
    }
    if (img.size() > policy.maxFileBytes()) { // checked before the file is opened
      return problem(img, null, null, StorageReads.tooLarge(img.path(), policy.maxFileBytes()));
    }
    String metadata = null;
    int[] box = null;
    if (img.metadataPath() != null) {
      try {
        metadata =
            new String(
                StorageReads.read(img.metadataPath(), conf.value(), policy),
                StandardCharsets.UTF_8);
      } catch (DecodeException e) {
        return row(
            img,
            null,
            null,
            null,
            e.getCause() instanceof FileNotFoundException
                ? Reason.MISSING_METADATA
                : e.reason(),
            e.getMessage());
      }
      try {
        box = firstBox(metadata);
      } catch (IOException | IllegalArgumentException e) {
        return row(
            img,
            null,
            metadata,
            null,
            Reason.MALFORMED_METADATA,
            img.metadataPath() + ": " + e.getMessage());
      }
    }
    byte[] content = img.inlineContent();
    if (content == null) {
      try {
        content = StorageReads.read(img.path(), conf.value(), policy);
      } catch (DecodeException e) {
        return problem(img, metadata, box, e);
      }
    }
    return row(img, content, metadata, box, null, null);
  }

  private static Row problem(SourceImage img, String metadata, int[] box, DecodeException e) {
    return row(img, null, metadata, box, e.reason(), e.getMessage());
  }

  /** {@code bounding_boxes[0].box} as {@code [x, y, w, h]}, the fMoW metadata convention. */
  static int[] firstBox(String json) throws IOException {
    JsonNode boxes = JSON.readTree(json).path("bounding_boxes");
    if (!boxes.isArray() || boxes.isEmpty()) {
      throw new IllegalArgumentException("no bounding_boxes array");
    }
    JsonNode box = boxes.get(0).path("box");
    if (!box.isArray() || box.size() != 4) {
      throw new IllegalArgumentException("bounding_boxes[0].box is not [x, y, w, h]: " + box);
    }
    int[] out = new int[4];
    for (int i = 0; i < 4; i++) {
      if (!box.get(i).isNumber()) {
        throw new IllegalArgumentException("bounding_boxes[0].box[" + i + "] is not a number");
      }
      out[i] = box.get(i).asInt();
    }
    return out;
  }

  private static Row row(
      SourceImage img, byte[] content, String metadata, int[] box, Reason problem, String detail) {
    return RowFactory.create(
        img.imageId(),
        img.path(),
        img.split(),
        img.label(),
        img.labelName(),
        content,
        metadata,
        // Row encoding wants a Scala Seq for array columns.
        box == null ? null : JavaConverters.asScalaBuffer(Arrays.stream(box).boxed().toList()),
        problem == null ? null : problem.code(),
        detail);
  }
}
