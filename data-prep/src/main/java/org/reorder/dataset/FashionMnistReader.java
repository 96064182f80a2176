package org.reorder.dataset;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.reorder.image.Pixels;
import org.reorder.image.Pnm;

/**
 * Reads Fashion-MNIST's idx files from a directory, as Debian's dataset-fashion-mnist installs them
 * ({@code /usr/share/datasets/fashion-mnist/}: {@code train-images-idx3-ubyte.gz}, {@code
 * train-labels-idx1-ubyte.gz}, {@code t10k-...}); gzip is detected from the magic bytes, so
 * unpacked files work too. Splits {@code train} and {@code test} (the t10k files). Each 28x28 image
 * becomes an in-memory PGM, so it flows through the same decoder as every other source.
 */
public final class FashionMnistReader {
  /** The dataset's class names, label order. */
  public static final List<String> CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private FashionMnistReader() {}

  public static SourceListing list(FileSystem fs, Path dir, List<String> requestedSplits)
      throws IOException {
    if (!fs.exists(dir)) {
      throw new IllegalArgumentException("--input not found: " + dir);
    }
    List<String> splits = requestedSplits.isEmpty() ? List.of("train", "test") : requestedSplits;
    List<SourceImage> images = new ArrayList<>();
    for (String split : splits) {
      String prefix =
          switch (split) {
            case "train" -> "train";
            case "test" -> "t10k";
            default ->
                throw new IllegalArgumentException(
                    "--splits: Fashion-MNIST has splits train and test, not '" + split + "'");
          };
      Path imagesFile = find(fs, dir, prefix + "-images-idx3-ubyte");
      Path labelsFile = find(fs, dir, prefix + "-labels-idx1-ubyte");
      byte[] labels = readIdx(fs, labelsFile, 2049, 1);
      byte[] pixels = readIdx(fs, imagesFile, 2051, 28 * 28);
      if (pixels.length / (28 * 28) != labels.length) {
        throw new IllegalArgumentException(
            imagesFile
                + " holds "
                + pixels.length / (28 * 28)
                + " images but "
                + labelsFile
                + " holds "
                + labels.length
                + " labels");
      }
      for (int i = 0; i < labels.length; i++) {
        byte[] img = new byte[28 * 28];
        System.arraycopy(pixels, i * img.length, img, 0, img.length);
        int label = labels[i] & 0xFF;
        String name = label < CLASSES.size() ? CLASSES.get(label) : String.valueOf(label);
        images.add(
            SourceImage.inline(
                String.format("%s-%05d", split, i),
                imagesFile + "#" + i,
                split,
                label < CLASSES.size() ? label : -1,
                name,
                Pnm.encode(new Pixels(28, 28, 1, img))));
      }
    }
    return new SourceListing(CLASSES, images);
  }

  private static Path find(FileSystem fs, Path dir, String name) throws IOException {
    for (String candidate : new String[] {name, name + ".gz"}) {
      Path p = new Path(dir, candidate);
      if (fs.exists(p)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "--input "
            + dir
            + " has no "
            + name
            + " or "
            + name
            + ".gz (expected Fashion-MNIST idx"
            + " files, e.g. /usr/share/datasets/fashion-mnist)");
  }

  /** The payload of an idx file with the given magic and item size, checked against its header. */
  private static byte[] readIdx(FileSystem fs, Path file, int magic, int itemBytes)
      throws IOException {
    try (InputStream raw = new BufferedInputStream(fs.open(file))) {
      raw.mark(2);
      boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      DataInputStream in = new DataInputStream(gz ? new GZIPInputStream(raw) : raw);
      int m = in.readInt();
      if (m != magic) {
        throw new IllegalArgumentException(file + ": idx magic " + m + ", expected " + magic);
      }
      int count = in.readInt();
      int dims = magic & 0xFF;
      long size = 1;
      for (int d = 1; d < dims; d++) {
        size *= in.readInt();
      }
      if (size != itemBytes) {
        throw new IllegalArgumentException(
            file + ": items of " + size + " bytes, expected " + itemBytes);
      }
      byte[] data = new byte[count * itemBytes];
      in.readFully(data);
      return data;
    }
  }
}
