package org.reorder.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reorder.patch.PatchDatasetWriter;

/**
 * A split three times larger than the JVM heap trains for a full epoch: a 1.66 GB split (11,000
 * images of 224 px in 16 MB row groups) in a child JVM with {@code -Xmx512m}. Holding the split
 * in memory, as the reader before streaming did, fails with an OutOfMemoryError here.
 */
class LargerThanHeapTest {
  private static final int IMAGES = 11_000;
  @TempDir Path dir;

  @Test
  void aSplitThreeTimesTheHeapTrainsAFullEpoch() throws Exception {
    Path data = dir.resolve("data");
    PatchDatasetWriter writer = new PatchDatasetWriter(data, 224, 56, 3,
        List.of("a", "b", "c", "d")).rowGroupBytes(16L << 20);
    int[] files = new int[10];
    java.util.Arrays.fill(files, IMAGES / files.length);
    writer.writeSplit("train", files, writer::randomRow);
    writer.writeSplit("val", new int[] {100}, writer::randomRow);
    long splitBytes;
    try (Stream<Path> s = Files.walk(data.resolve("patches/split=train"))) {
      splitBytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }

    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1",
        "-cp", System.getProperty("java.class.path"), OneEpochInSmallHeap.class.getName(),
        data.toString(), dir.resolve("run").toString()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes());
    assertTrue(child.waitFor(10, TimeUnit.MINUTES), "child did not finish");
    assertEquals(0, child.exitValue(), output);

    Matcher m = Pattern.compile("heap=(\\d+) steps=(\\d+) images=(\\d+)").matcher(output);
    assertTrue(m.find(), output);
    long heap = Long.parseLong(m.group(1));
    assertTrue(splitBytes >= 3 * heap, "split " + splitBytes + " bytes, heap " + heap);
    assertEquals(IMAGES / 100, Integer.parseInt(m.group(2)));
    assertEquals(IMAGES, Long.parseLong(m.group(3)));
  }
}
