package org.reorder.prior;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark (not a test): {@link LzmaScorer} throughput against the {@code xz} command-line tool
 * with the same settings, on the same bytes, measured in the same run.
 *
 * <p>Run: {@code mvn -B -q -pl model-core test-compile exec:java
 * -Dexec.mainClass=org.reorder.prior.LzmaBenchmark -Dexec.classpathScope=test
 * [-Dexec.args="REPS PRESET"]} (defaults 3 repetitions, preset 6). Needs {@code xz} on the PATH.
 *
 * <p>Inputs: the row-order patch bytes of 56 synthetic 224x224 RGB images (16x16 patches; smooth
 * gradients, noise, stripes; ~8.4 MB) and as many random bytes. Java is timed after one warm-up
 * call; xz is timed around the whole process (start-up included, a few ms against seconds).
 * Reported: median MB/s (10^6 bytes) over the repetitions, the Java/xz speed ratio and both
 * compressed sizes. Also per-image scoring, the way the prior uses the scorer, with one reused
 * scorer against a fresh scorer per image (no array reuse).
 */
public final class LzmaBenchmark {
  private static final int IMAGES = 56;
  private static final int SIZE = 224;
  private static final int PATCH = 16;
  private static final int IMAGE_BYTES = 3 * SIZE * SIZE;

  private LzmaBenchmark() {}

  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int preset = args.length > 1 ? Integer.parseInt(args[1]) : LzmaSettings.DEFAULT_PRESET;
    LzmaSettings settings = LzmaSettings.ofPreset(preset);
    byte[] patches = syntheticPatchBytes(new Random(2026));
    byte[] random = new byte[patches.length];
    new Random(11).nextBytes(random);

    System.out.printf(Locale.ROOT, "settings %s, %d repetitions, %s%n", settings.describe(), reps,
        String.join(" ", settings.xzCommand()));
    System.out.println("| input | bytes | Java MB/s | xz MB/s | Java/xz | Java compressed | xz compressed |");
    System.out.println("|---|---|---|---|---|---|---|");
    wholeBuffer("synthetic patch bytes", patches, settings, reps);
    wholeBuffer("random bytes", random, settings, reps);
    perImage(patches, settings, reps);
  }

  private static void wholeBuffer(String name, byte[] data, LzmaSettings settings, int reps)
      throws IOException, InterruptedException {
    LzmaScorer scorer = new LzmaScorer(settings);
    int javaSize = scorer.score(data).compressedBytes(); // warm-up, and the size
    double[] javaSeconds = new double[reps];
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      scorer.score(data);
      javaSeconds[r] = (System.nanoTime() - t0) / 1e9;
    }
    Path in = Files.createTempFile("lzma-bench-in", ".bin");
    Path out = Files.createTempFile("lzma-bench-out", ".lzma");
    try {
      Files.write(in, data);
      double[] xzSeconds = new double[reps];
      for (int r = 0; r < reps; r++) {
        List<String> cmd = new ArrayList<>(settings.xzCommand());
        cmd.add(in.toString());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
          throw new IllegalStateException("xz failed: " + cmd);
        }
        xzSeconds[r] = (System.nanoTime() - t0) / 1e9;
      }
      long xzSize = Files.size(out);
      double javaMbs = data.length / 1e6 / median(javaSeconds);
      double xzMbs = data.length / 1e6 / median(xzSeconds);
      System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %d | %d |%n", name,
          data.length, javaMbs, xzMbs, javaMbs / xzMbs, javaSize, xzSize);
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
    }
  }

  private static void perImage(byte[] patches, LzmaSettings settings, int reps) {
    LzmaScorer reused = new LzmaScorer(settings);
    scoreEach(patches, () -> reused); // warm-up
    double[] reusedSeconds = new double[reps];
    double[] freshSeconds = new double[reps];
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      scoreEach(patches, () -> reused);
      reusedSeconds[r] = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      scoreEach(patches, () -> new LzmaScorer(settings));
      freshSeconds[r] = (System.nanoTime() - t0) / 1e9;
    }
    double reusedMbs = patches.length / 1e6 / median(reusedSeconds);
    double freshMbs = patches.length / 1e6 / median(freshSeconds);
    System.out.printf(Locale.ROOT,
        "per image (%d x %d bytes): reused scorer %.2f MB/s (%.1f images/s), fresh scorer per"
            + " image %.2f MB/s, reused/fresh %.2f, mean reduction %.2f %%%n",
        IMAGES, IMAGE_BYTES, reusedMbs, reusedMbs * 1e6 / IMAGE_BYTES, freshMbs,
        reusedMbs / freshMbs, meanReduction(patches, reused));
  }

  private static void scoreEach(byte[] patches, java.util.function.Supplier<LzmaScorer> scorer) {
    for (int i = 0; i < IMAGES; i++) {
      scorer.get().score(Arrays.copyOfRange(patches, i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES));
    }
  }

  private static double meanReduction(byte[] patches, LzmaScorer scorer) {
    double sum = 0;
    for (int i = 0; i < IMAGES; i++) {
      sum += scorer.score(Arrays.copyOfRange(patches, i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES))
          .reductionPercent();
    }
    return sum / IMAGES;
  }

  /**
   * Row-order patch bytes of {@link #IMAGES} images: per channel a linear gradient in a random
   * direction, ±6 noise, and horizontal or vertical stripes of random period and contrast over a
   * random half of the image.
   */
  static byte[] syntheticPatchBytes(Random rng) {
    byte[] all = new byte[IMAGES * IMAGE_BYTES];
    byte[] image = new byte[IMAGE_BYTES];
    for (int i = 0; i < IMAGES; i++) {
      boolean verticalStripes = rng.nextBoolean();
      int period = 4 + rng.nextInt(20);
      int contrast = 20 + rng.nextInt(60);
      boolean stripesLeft = rng.nextBoolean();
      for (int ch = 0; ch < 3; ch++) {
        double base = 40 + rng.nextInt(120);
        double gx = (rng.nextDouble() - 0.5) * 0.6;
        double gy = (rng.nextDouble() - 0.5) * 0.6;
        for (int y = 0; y < SIZE; y++) {
          for (int x = 0; x < SIZE; x++) {
            double v = base + gx * x + gy * y + rng.nextInt(13) - 6;
            if ((x < SIZE / 2) == stripesLeft && ((verticalStripes ? x : y) / period) % 2 == 0) {
              v += contrast;
            }
            image[(ch * SIZE + y) * SIZE + x] = (byte) Math.max(0, Math.min(255, (int) v));
          }
        }
      }
      byte[] p = TestPatches.patchify(image, 3, SIZE, SIZE, PATCH);
      System.arraycopy(p, 0, all, i * IMAGE_BYTES, IMAGE_BYTES);
    }
    return all;
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
