package org.reorder.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reorder.prior.LzmaSettings.Format;

class LzmaScorerTest {
  // Small dictionary and a fast preset keep the tests light; the defaults get their own test.
  private static final LzmaSettings RAW = LzmaSettings.ofPreset(1);
  private static final LzmaSettings XZ = RAW.withFormat(Format.XZ);

  static Stream<Arguments> inputs() {
    Random rng = new Random(42);
    byte[] random = new byte[50_000];
    rng.nextBytes(random);
    byte[] structured =
        "the quick brown fox jumps over the lazy dog; ".repeat(500).getBytes(StandardCharsets.UTF_8);
    byte[] ramp = new byte[70_000]; // longer than one 64 KiB LZMA2 chunk
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = (byte) (i / 7 + (i % 13 == 0 ? rng.nextInt(3) : 0));
    }
    return Stream.of(RAW, XZ).flatMap(s -> Stream.of(
        Arguments.of(s, "empty", new byte[0]),
        Arguments.of(s, "one byte", new byte[] {(byte) 0xA5}),
        Arguments.of(s, "zeros", new byte[65_536]),
        Arguments.of(s, "random", random),
        Arguments.of(s, "text", structured),
        Arguments.of(s, "ramp", ramp)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("inputs")
  void compressThenDecompressGivesTheInputBack(LzmaSettings settings, String name, byte[] raw) {
    LzmaScorer scorer = new LzmaScorer(settings);
    byte[] compressed = scorer.compress(raw);
    assertArrayEquals(raw, LzmaScorer.decompress(compressed, settings), name);
    if (raw.length > 0) {
      assertEquals(compressed.length, scorer.score(raw).compressedBytes(), name);
    }
  }

  @Test
  void defaultSettingsRoundTripAndRecordThemselves() {
    LzmaScorer scorer = new LzmaScorer(LzmaSettings.defaults());
    byte[] raw = "abcabcabcabd".repeat(100).getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(raw, LzmaScorer.decompress(scorer.compress(raw), scorer.settings()));
    Compression c = scorer.score(raw);
    assertSame(scorer.settings(), c.settings());
    assertEquals(raw.length, c.rawBytes());
  }

  @Test
  void emptyOnlyHasTheEndMarkerAndCannotBeScored() {
    LzmaScorer scorer = new LzmaScorer(RAW);
    // Raw LZMA2 of nothing is the single end-of-stream control byte 0x00.
    assertArrayEquals(new byte[] {0}, scorer.compress(new byte[0]));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> scorer.score(new byte[0]));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void sizesBehaveAsLzmaShould() {
    LzmaScorer scorer = new LzmaScorer(RAW);
    // One byte: uncompressed chunk (3 header bytes + 1 data byte) + end marker = 5 bytes.
    Compression one = scorer.score(new byte[] {7});
    assertEquals(5, one.compressedBytes());
    assertEquals(-400.0, one.reductionPercent(), 1e-12);
    // 64 KiB of zeros: 240 maximal (273-byte) matches; liblzma (xz 5.4) writes 84 bytes.
    int zeros = scorer.score(new byte[65_536]).compressedBytes();
    assertTrue(zeros >= 70 && zeros <= 100, "zeros: " + zeros);
    // Random bytes do not shrink; LZMA2 stores them as uncompressed chunks (3 bytes / 64 KiB).
    byte[] random = new byte[100_000];
    new Random(1).nextBytes(random);
    Compression r = scorer.score(random);
    assertTrue(r.reductionPercent() <= 0 && r.reductionPercent() > -0.05, r.toString());
  }

  @Test
  void reusedScorerGivesTheSameSizeAsAFreshOne() {
    byte[] a = "patch ".repeat(2000).getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[30_000];
    new Random(3).nextBytes(b);
    LzmaScorer reused = new LzmaScorer(RAW);
    reused.score(b);
    int afterOther = reused.score(a).compressedBytes();
    assertEquals(new LzmaScorer(RAW).score(a).compressedBytes(), afterOther);
    assertArrayEquals(new LzmaScorer(RAW).compress(a), reused.compress(a));
  }

  @Test
  void xzContainerCostsAFixedOverheadOverRawLzma2() {
    byte[] raw = "0123456789".repeat(300).getBytes(StandardCharsets.US_ASCII);
    int rawSize = new LzmaScorer(RAW).score(raw).compressedBytes();
    int xzSize = new LzmaScorer(XZ).score(raw).compressedBytes();
    // Stream header 12 + block header 12 + CRC64 8 + index ~12 + footer 12, plus padding.
    assertTrue(xzSize - rawSize >= 48 && xzSize - rawSize <= 72, rawSize + " vs " + xzSize);
  }

  @Test
  void reductionAndRatioFollowThePaperFormula() {
    Compression c = new Compression(200, 50, RAW);
    assertEquals(75.0, c.reductionPercent(), 1e-12);
    assertEquals(4.0, c.ratio(), 1e-12);
    Compression grown = new Compression(3, 4, RAW);
    assertEquals(100.0 * (1 - 4.0 / 3.0), grown.reductionPercent(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> new Compression(0, 1, RAW));
    assertThrows(IllegalArgumentException.class, () -> new Compression(1, 0, RAW));
    assertThrows(IllegalArgumentException.class, () -> new Compression(1, 1, null));
  }

  @Test
  void decompressRejectsGarbageNamingTheFormat() {
    byte[] garbage = {(byte) 0xFF, 1, 2, 3, 4, 5, 6, 7};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LzmaScorer.decompress(garbage, RAW));
    assertTrue(e.getMessage().contains("lzma2-raw"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LzmaScorer.decompress(garbage, XZ));
    assertTrue(e.getMessage().contains("xz"), e.getMessage());
  }
}
