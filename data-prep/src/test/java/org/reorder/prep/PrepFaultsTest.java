package org.reorder.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.dataset.DatasetKind;
import org.reorder.dataset.ImageSources;
import org.reorder.dataset.ReadPolicy;
import org.reorder.dataset.SourceListing;
import org.reorder.dataset.SourceSpec;
import org.reorder.dataset.synthetic.GenerateOptions;
import org.reorder.dataset.synthetic.SyntheticGenerator;
import org.reorder.image.ImageDecoder;
import org.reorder.image.TestImages;
import org.reorder.patch.PatchFormat;
import org.reorder.patch.TransformSettings;
import org.reorder.testing.SparkTestSession;

/**
 * File-level faults are quarantine rows naming the file, never job failures: odd names, a 3 GB
 * file, a FIFO and a socket named .JPEG, dangling links and link loops, a README beside the class
 * folders. Tree-level faults fail before any work, naming the folder, layout or paths: empty class
 * folders, a split without images, duplicate image ids, an output that is a file, too many
 * quarantined inputs.
 */
class PrepFaultsTest {
  private static final TransformSettings T = new TransformSettings(0, 32, 8, 3, "whole", 0);
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  @TempDir static Path tmp;
  static SparkSession spark;
  static Path input;
  static PrepSummary summary;
  static String output;

  @BeforeAll
  static void prepareTreeFullOfFaults() throws Exception {
    spark = SparkTestSession.get();
    input = tmp.resolve("in");
    generate(input);
    Path cls = input.resolve("train/arrangement_00");
    byte[] good = TestImages.jpeg(TestImages.quadrants(32, 32));
    Files.write(cls.resolve("a:b.JPEG"), good); // "Relative path in absolute URI" before
    Files.write(cls.resolve("c d#e%f?ü.JPEG"), good);
    try (RandomAccessFile huge = new RandomAccessFile(cls.resolve("huge.JPEG").toFile(), "rw")) {
      huge.setLength(3L << 30); // sparse: 3 GB by its size, nothing on disk
    }
    Process mkfifo = new ProcessBuilder("mkfifo", cls.resolve("fifo.JPEG").toString()).start();
    assertEquals(0, mkfifo.waitFor(), "mkfifo");
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(cls.resolve("sock.JPEG")));
    }
    Files.createSymbolicLink(cls.resolve("gone.JPEG"), tmp.resolve("nowhere.JPEG"));
    Files.createSymbolicLink(cls.resolve("loop"), cls); // a folder linking to its parent
    Files.createSymbolicLink(cls.resolve("ping.JPEG"), cls.resolve("pong.JPEG"));
    Files.createSymbolicLink(cls.resolve("pong.JPEG"), cls.resolve("ping.JPEG"));
    Files.writeString(input.resolve("train/README.txt"), "how this dataset was made\n");
    output = tmp.resolve("out").toString();
    summary = PrepJob.run(options(input, output, 1.0), spark, QUIET);
  }

  private static void generate(Path root) throws IOException {
    SyntheticGenerator.generate(
        new GenerateOptions("imagenet", root.toString(), 4, 2, 32, 3), new Configuration());
  }

  private static PrepOptions options(Path in, String out, double maxQuarantineFraction) {
    return new PrepOptions(
        SourceSpec.of(DatasetKind.SYNTHETIC, in.toString()),
        out,
        T,
        PrepOptions.DEFAULT_SHARD_ROWS,
        ImageDecoder.DEFAULT_MAX_PIXELS,
        2,
        ReadPolicy.DEFAULT,
        maxQuarantineFraction);
  }

  @Test
  void everyFileLevelProblemIsOneQuarantineRowNamingTheFile() {
    SplitSummary train = summary.splits().get("train");
    assertEquals(8 + 2, train.written(), "generated images plus the two with odd names");
    assertEquals(
        Map.of(
            "too-large", 1L,
            "not-a-file", 2L,
            "dangling-link", 1L,
            "link-loop", 3L,
            "stray-file", 1L),
        train.byReason());
    assertTrue(train.balanced());

    Map<String, String> reasonByFile = new TreeMap<>();
    for (Row r : spark.read().parquet(output + "/" + PatchFormat.QUARANTINE_DIR).collectAsList()) {
      String path = r.getAs("source_path");
      String file = path.substring(path.lastIndexOf('/') + 1);
      String detail = r.getAs("detail");
      assertTrue(detail.contains(file), detail);
      reasonByFile.put(file, r.getAs("reason"));
    }
    assertEquals(
        Map.of(
            "huge.JPEG", "too-large",
            "fifo.JPEG", "not-a-file",
            "sock.JPEG", "not-a-file",
            "gone.JPEG", "dangling-link",
            "loop", "link-loop",
            "ping.JPEG", "link-loop",
            "pong.JPEG", "link-loop",
            "README.txt", "stray-file"),
        reasonByFile);
  }

  @Test
  void oddNamesAreReadAndKeptAsTheyAre() {
    List<String> paths =
        spark
            .read()
            .parquet(output + "/" + PatchFormat.PATCHES_DIR)
            .where("image_id in ('a:b', 'c d#e%f?ü')")
            .select("source_path")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertEquals(2, paths.size(), paths.toString());
    assertTrue(paths.stream().anyMatch(p -> p.endsWith("/arrangement_00/a:b.JPEG")), paths.toString());
    assertTrue(paths.stream().anyMatch(p -> p.endsWith("/c d#e%f?ü.JPEG")), paths.toString());
  }

  @Test
  void anEmptyClassFolderIsAnErrorNamingItOrWithAClassListAWarning() throws IOException {
    Path root = tmp.resolve("empty-class");
    generate(root);
    Files.createDirectories(root.resolve("train/arrangement_00b"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageSources.list(SourceSpec.of(DatasetKind.IMAGENET, root.toString()), conf()));
    assertTrue(e.getMessage().contains("class folder "), e.getMessage());
    assertTrue(e.getMessage().contains("train/arrangement_00b holds no images"), e.getMessage());

    Path classes = tmp.resolve("classes.txt");
    Files.writeString(classes, "arrangement_00\narrangement_01\n");
    SourceListing listing =
        ImageSources.list(
            new SourceSpec(
                DatasetKind.IMAGENET, root.toString(), List.of(), classes.toString(), null, null),
            conf());
    assertEquals(1, listing.warnings().size(), listing.warnings().toString());
    assertTrue(listing.warnings().get(0).contains("arrangement_00b"));
  }

  @Test
  void aSplitWithoutImagesNamesTheExpectedLayout() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageSources.list(SourceSpec.of(DatasetKind.FMOW, input.toString()), conf()));
    assertTrue(e.getMessage().contains("split 'train' under "), e.getMessage());
    assertTrue(
        e.getMessage().contains("holds no images: --dataset fmow expects " + DatasetKind.FMOW.layout()),
        e.getMessage());
  }

  @Test
  void twoImagesWithOneIdInASplitAreRefusedNamingBothPaths() throws IOException {
    Path root = tmp.resolve("duplicates");
    generate(root);
    Path a = root.resolve("train/arrangement_00/same.JPEG");
    Path b = root.resolve("train/arrangement_01/same.JPEG");
    Files.write(a, TestImages.jpeg(TestImages.quadrants(32, 32)));
    Files.write(b, TestImages.jpeg(TestImages.quadrants(32, 32)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageSources.list(SourceSpec.of(DatasetKind.IMAGENET, root.toString()), conf()));
    assertTrue(e.getMessage().startsWith("image_id 'same' occurs twice in split 'train'"), e.getMessage());
    assertTrue(e.getMessage().contains(a.toString()) && e.getMessage().contains(b.toString()), e.getMessage());
  }

  @Test
  void anOutputThatIsAFileIsRefusedBeforeTheInputIsListed() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PrepJob.run(options(tmp.resolve("no-such-input"), file.toString(), 1.0), spark, QUIET));
    assertEquals("--output " + file + " is a file; give a directory (new or written by reorder)", e.getMessage());
  }

  @Test
  void tooManyQuarantinedInputsFailTheSplitAndLeaveNoDatasetJson() {
    String out = tmp.resolve("strict").toString();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> PrepJob.run(options(input, out, 0.1), spark, QUIET));
    assertTrue(e.getMessage().startsWith("split 'train' quarantined 8 of 18 inputs (44.4 %"), e.getMessage());
    assertTrue(e.getMessage().contains("more than --max-quarantine-fraction 0.1"), e.getMessage());
    assertFalse(Files.exists(Path.of(out, PatchFormat.SIDECAR)));
    assertTrue(Files.exists(Path.of(out, PatchFormat.SUMMARY)), "the summary says what happened");
  }

  private static Configuration conf() {
    return spark.sparkContext().hadoopConfiguration();
  }
}
