package org.reorder.prior;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.FinishableOutputStream;
import org.tukaani.xz.FinishableWrapperOutputStream;
import org.tukaani.xz.LZMA2InputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * Compresses byte sequences with LZMA (XZ for Java) under fixed {@link LzmaSettings} and reports
 * how much they shrank.
 *
 * <p>Each call builds a fresh encoder, so results never depend on earlier inputs; the encoder's
 * large arrays (dictionary buffer, match-finder hash and tree: about 90 MiB at preset 6) come
 * from a per-scorer {@link BasicArrayCache} and go back to it after each call, so scoring many
 * images does not reallocate them. {@link #score(byte[])} counts the output without storing it.
 *
 * <p>Not thread-safe: an instance holds that cache and a counting sink. Use one scorer per thread
 * (a Spark task creates its own).
 */
public final class LzmaScorer {
  private final LzmaSettings settings;
  private final LZMA2Options options;
  private final ArrayCache arrayCache = new BasicArrayCache();
  private final CountingSink counter = new CountingSink();

  public LzmaScorer(LzmaSettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("settings must be given");
    }
    this.settings = settings;
    this.options = settings.toOptions();
  }

  /** The settings every result of this scorer is measured with. */
  public LzmaSettings settings() {
    return settings;
  }

  /**
   * Compresses {@code raw} and returns its size before and after.
   *
   * @throws IllegalArgumentException if {@code raw} is empty: the reduction of nothing is undefined
   *     (0/0), and a prior must not silently average it in
   */
  public Compression score(byte[] raw) {
    if (raw.length == 0) {
      throw new IllegalArgumentException(
          "cannot score an empty byte sequence: its reduction % is undefined");
    }
    counter.count = 0;
    encode(raw, counter);
    return new Compression(raw.length, Math.toIntExact(counter.count), settings);
  }

  /** The compressed stream of {@code raw} (may be empty; then it is just the format's framing). */
  public byte[] compress(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
    encode(raw, out);
    return out.toByteArray();
  }

  /**
   * Inverts {@link #compress(byte[])} for a scorer with the same {@code settings} (the raw format
   * stores neither the format nor the dictionary size, so both must be given).
   *
   * @throws IllegalArgumentException if {@code compressed} is not a valid stream in that format
   */
  public static byte[] decompress(byte[] compressed, LzmaSettings settings) {
    InputStream in = new ByteArrayInputStream(compressed);
    try (InputStream decoder =
        settings.format() == LzmaSettings.Format.XZ
            ? new XZInputStream(in)
            : new LZMA2InputStream(in, settings.dictSize())) {
      return decoder.readAllBytes();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "not a valid " + settings.format().cliName() + " stream (" + compressed.length
              + " bytes): " + e.getMessage(),
          e);
    }
  }

  private void encode(byte[] raw, OutputStream sink) {
    try {
      FinishableOutputStream encoder =
          settings.format() == LzmaSettings.Format.XZ
              ? new XZOutputStream(sink, options, XZ.CHECK_CRC64, arrayCache)
              : options.getOutputStream(new FinishableWrapperOutputStream(sink), arrayCache);
      encoder.write(raw);
      // finish() writes the end marker (and the xz index and footer) and returns the arrays to
      // the cache; close() would also close the sink, which the scorer reuses.
      encoder.finish();
    } catch (IOException e) {
      // The sinks are in memory, so this is a bug or an out-of-memory condition inside XZ.
      throw new UncheckedIOException("LZMA compression failed with " + settings, e);
    }
  }

  /** Counts bytes and drops them: the score needs only the compressed size. */
  private static final class CountingSink extends OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
