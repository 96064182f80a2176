package org.reorder.image;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import org.reorder.image.DecodeException.Reason;

/**
 * JPEG decoding through libjpeg-turbo's TurboJPEG library (Debian's {@code libturbojpeg0}, the
 * library under Pillow and {@code djpeg}), called through JNA: SIMD Huffman decoding, IDCT and
 * color conversion, and libjpeg's scaled decoding (the IDCT run at 1/8 .. 15/16 of the size, so a
 * picture bound for a small size never exists at full size).
 *
 * <p>Used for 3-component YCbCr and 1-component gray JPEGs, where its output is libjpeg's (the
 * accurate integer IDCT and fancy upsampling: what the JDK's libjpeg and Pillow produce too).
 * {@link #available()} is false when the library cannot be loaded; callers then decode another
 * way. Each call uses its own TurboJPEG handle and native buffer, freed before it returns.
 */
final class TurboJpeg {
  private static final int TJPF_RGB = 0;
  private static final int TJPF_GRAY = 6;
  static final int TJCS_YCBCR = 1;
  static final int TJCS_GRAY = 2;
  private static final int TJERR_WARNING = 0;
  /** Scaling factors n/8 of libjpeg-turbo 2.x, largest first, as tried by {@link #scaleFor}. */
  private static final int[] EIGHTHS = {4, 2, 1};

  /** The subset of {@code turbojpeg.h} (2.x API) used here. */
  interface Lib extends Library {
    Pointer tjInitDecompress();

    int tjDecompressHeader3(
        Pointer handle,
        byte[] jpeg,
        NativeLong size,
        int[] width,
        int[] height,
        int[] subsampling,
        int[] colorspace);

    int tjDecompress2(
        Pointer handle,
        byte[] jpeg,
        NativeLong size,
        Pointer dst,
        int width,
        int pitch,
        int height,
        int pixelFormat,
        int flags);

    int tjDestroy(Pointer handle);

    String tjGetErrorStr2(Pointer handle);

    int tjGetErrorCode(Pointer handle);
  }

  private static final Lib LIB = load();

  private TurboJpeg() {}

  private static Lib load() {
    try {
      return Native.load("turbojpeg", Lib.class);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return null;
    }
  }

  /** True when libturbojpeg could be loaded in this JVM. */
  static boolean available() {
    return LIB != null;
  }

  /** Width, height and TurboJPEG colorspace ({@code TJCS_*}) from a JPEG's frame header. */
  record Header(int width, int height, int colorspace) {}

  /**
   * The header of {@code jpeg}.
   *
   * @throws DecodeException {@code corrupt} when TurboJPEG cannot read it
   */
  static Header header(byte[] jpeg) throws DecodeException {
    Pointer h = LIB.tjInitDecompress();
    try {
      int[] w = new int[1];
      int[] ht = new int[1];
      int[] sub = new int[1];
      int[] cs = new int[1];
      if (LIB.tjDecompressHeader3(h, jpeg, new NativeLong(jpeg.length), w, ht, sub, cs) != 0) {
        throw new DecodeException(
            Reason.CORRUPT, "JPEG decoder (libjpeg-turbo): " + LIB.tjGetErrorStr2(h));
      }
      return new Header(w[0], ht[0], cs[0]);
    } finally {
      LIB.tjDestroy(h);
    }
  }

  /**
   * The eighths (1..8) of the full size to decode {@code header} at: the smallest scale whose
   * shorter side is still at least {@code minShorterSide}, or 8 (full size).
   */
  static int scaleFor(Header header, int minShorterSide) {
    int shorter = Math.min(header.width(), header.height());
    int best = 8;
    for (int n : EIGHTHS) {
      if (scaled(shorter, n) >= minShorterSide) {
        best = n;
      }
    }
    return best;
  }

  /** libjpeg's scaled size: {@code ceil(size * eighths / 8)}. */
  static int scaled(int size, int eighths) {
    return (size * eighths + 7) / 8;
  }

  /**
   * Decodes {@code jpeg} (of {@code header}, gray or YCbCr) at {@code eighths}/8 of its size into
   * gray or RGB pixels. Corrupt-data warnings (libjpeg decodes on) are not failures, as with the
   * JDK's decoder.
   *
   * @throws DecodeException {@code corrupt} on a fatal decoder error
   */
  static Pixels decode(byte[] jpeg, Header header, int eighths) throws DecodeException {
    int w = scaled(header.width(), eighths);
    int h = scaled(header.height(), eighths);
    int ch = header.colorspace() == TJCS_GRAY ? 1 : 3;
    Pointer handle = LIB.tjInitDecompress();
    try (Memory dst = new Memory((long) w * h * ch)) {
      int rc =
          LIB.tjDecompress2(
              handle,
              jpeg,
              new NativeLong(jpeg.length),
              dst,
              w,
              w * ch,
              h,
              ch == 1 ? TJPF_GRAY : TJPF_RGB,
              0);
      if (rc != 0 && LIB.tjGetErrorCode(handle) != TJERR_WARNING) {
        throw new DecodeException(
            Reason.CORRUPT, "JPEG decoder (libjpeg-turbo): " + LIB.tjGetErrorStr2(handle));
      }
      return new Pixels(w, h, ch, dst.getByteArray(0, w * h * ch));
    } finally {
      LIB.tjDestroy(handle);
    }
  }
}
