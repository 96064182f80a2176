package org.reorder.dataset.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.reorder.image.JpegEncoder;
import org.reorder.prep.TextFiles;

/**
 * Writes a synthetic dataset of real JPEG files ({@link SyntheticImages}) in the ImageNet layout or
 * the fMoW layout with JSON metadata, through Hadoop's FileSystem. Every image's randomness comes
 * from (seed, split, class, index), so reruns write identical files.
 */
public final class SyntheticGenerator {
  private static final float QUALITY = 0.92f;

  private SyntheticGenerator() {}

  /** Class {@code c}'s folder name. */
  public static String className(int c) {
    return String.format("arrangement_%02d", c);
  }

  /**
   * Generates the dataset.
   *
   * @return images written per split
   */
  public static Map<String, Integer> generate(GenerateOptions o, Configuration conf)
      throws IOException {
    Path root = new Path(o.output());
    FileSystem fs = TextFiles.plainFileSystem(root, conf);
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("train", o.imagesPerClass());
    counts.put("val", o.valPerClass());
    Map<String, Integer> written = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> split : counts.entrySet()) {
      int splitSalt = split.getKey().hashCode();
      for (int c = 0; c < o.classes(); c++) {
        for (int i = 0; i < split.getValue(); i++) {
          SplittableRandom rnd =
              new SplittableRandom(o.seed() * 1_000_003L + splitSalt * 7919L + c * 104_729L + i);
          if (GenerateOptions.IMAGENET.equals(o.layout())) {
            writeImageNet(fs, root, split.getKey(), c, i, o.size(), rnd);
          } else {
            writeFmow(fs, root, split.getKey(), c, i, o.size(), rnd);
          }
          written.merge(split.getKey(), 1, Integer::sum);
        }
      }
    }
    return written;
  }

  private static void writeImageNet(
      FileSystem fs, Path root, String split, int c, int i, int size, SplittableRandom rnd)
      throws IOException {
    String name = className(c);
    byte[] jpeg = JpegEncoder.encode(SyntheticImages.draw(c, size, size, 0, 0, rnd), QUALITY);
    write(
        fs,
        new Path(root, split + "/" + name + "/" + name + "_" + split + "_" + i + ".JPEG"),
        jpeg);
  }

  /**
   * fMoW: the arrangement sits at a random place on a canvas half again as large; the bounding box
   * says where.
   */
  private static void writeFmow(
      FileSystem fs, Path root, String split, int c, int i, int size, SplittableRandom rnd)
      throws IOException {
    String cat = className(c);
    int canvas = size + size / 2;
    int x0 = rnd.nextInt(canvas - size + 1);
    int y0 = rnd.nextInt(canvas - size + 1);
    byte[] jpeg = JpegEncoder.encode(SyntheticImages.draw(c, canvas, size, x0, y0, rnd), QUALITY);
    String instance = cat + "_" + split + i;
    String base = split + "/" + cat + "/" + instance + "/" + instance + "_0_rgb";
    write(fs, new Path(root, base + ".jpg"), jpeg);
    String json =
        "{\"img_width\": "
            + canvas
            + ", \"img_height\": "
            + canvas
            + ", \"bounding_boxes\": [{\"box\": ["
            + x0
            + ", "
            + y0
            + ", "
            + size
            + ", "
            + size
            + "], \"category\": \""
            + cat
            + "\", \"ID\": "
            + i
            + "}]}";
    write(fs, new Path(root, base + ".json"), json.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(FileSystem fs, Path path, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(path, true)) {
      out.write(bytes);
    }
  }
}
