package org.reorder.image;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.reorder.image.DecodeException.Reason;

/**
 * Decodes JPEG (baseline, progressive, grayscale, CMYK and YCCK, through TwelveMonkeys), PNG
 * (8/16-bit, gray, palette, alpha) and binary PGM/PPM into upright 8-bit {@link Pixels}: gray
 * sources give 1 channel, everything else RGB; alpha is dropped; 16-bit samples are scaled to 8.
 *
 * <p>The format comes from the magic bytes. The pixel count is read from the header and checked
 * against {@code maxPixels} before any raster is allocated (decompression bombs). A JPEG whose last
 * scan has no end-of-image marker, or a PNG without its IEND chunk, is {@code truncated}; every
 * other decoder failure is {@code corrupt}. Thread-safe: each call creates its own reader.
 */
public final class ImageDecoder {
  /** PIL's default {@code MAX_IMAGE_PIXELS} (about 89.5 megapixels). */
  public static final long DEFAULT_MAX_PIXELS = 89_478_485L;

  private static final JPEGImageReaderSpi JPEG_SPI = new JPEGImageReaderSpi();

  static {
    // Registering the instance runs its onRegistration, which finds the JDK reader it delegates
    // to. Done explicitly rather than through ImageIO's classpath scan, which on a cluster may not
    // see jars that Spark added to the executor's class loader.
    IIORegistry.getDefaultInstance().registerServiceProvider(JPEG_SPI);
  }

  private final long maxPixels;
  private final boolean turbo;

  public ImageDecoder(long maxPixels) {
    this(maxPixels, true);
  }

  /** With {@code turbo} false, JPEGs always go through TwelveMonkeys (tests compare the two). */
  ImageDecoder(long maxPixels, boolean turbo) {
    if (maxPixels < 1) {
      throw new IllegalArgumentException("--max-pixels must be positive, got " + maxPixels);
    }
    this.maxPixels = maxPixels;
    this.turbo = turbo && TurboJpeg.available();
  }

  /**
   * The upright pixels of {@code bytes}.
   *
   * @throws DecodeException with the quarantine reason when the bytes are not a usable image
   */
  public Pixels decode(byte[] bytes) throws DecodeException {
    return decode(bytes, 0);
  }

  /**
   * The upright pixels of {@code bytes}, possibly smaller than the image: a JPEG may be decoded at
   * a reduced DCT scale (n/8 of its size, libjpeg-turbo's scaled decoding) as long as its shorter
   * side stays at least {@code minShorterSide}. The pixels then differ from a full-size decode
   * resized to the same size (a different low-pass filter). 0 always decodes at full size.
   *
   * @throws DecodeException with the quarantine reason when the bytes are not a usable image
   */
  public Pixels decode(byte[] bytes, int minShorterSide) throws DecodeException {
    if (bytes.length == 0) {
      throw new DecodeException(Reason.EMPTY_FILE, "zero-byte file");
    }
    return switch (ImageFormat.sniff(bytes)) {
      case JPEG ->
          ExifOrientation.apply(decodeJpeg(bytes, minShorterSide), ExifOrientation.read(bytes));
      case PNG -> {
        if (!hasPngEnd(bytes)) {
          throw new DecodeException(Reason.TRUNCATED, "PNG ends before its IEND chunk");
        }
        yield decodeWith(pngReader(), "PNG", bytes);
      }
      case PNM -> {
        Pnm.Header h = Pnm.header(bytes);
        checkPixels(h.width(), h.height());
        yield Pnm.decode(bytes, h);
      }
      case UNKNOWN ->
          throw new DecodeException(
              Reason.UNKNOWN_FORMAT,
              "not a JPEG, PNG or PNM file (first bytes " + hex(bytes) + ")");
    };
  }

  private Pixels decodeJpeg(byte[] bytes, int minShorterSide) throws DecodeException {
    if (isTruncated(bytes)) {
      throw new DecodeException(Reason.TRUNCATED, "JPEG ends before its end-of-image marker");
    }
    Pixels fast = decodeWithTurbo(bytes, minShorterSide);
    if (fast != null) {
      return fast;
    }
    try {
      return decodeWith(JPEG_SPI.createReaderInstance(null), "JPEG", bytes);
    } catch (IOException e) {
      throw new DecodeException(Reason.CORRUPT, "cannot create a JPEG reader: " + e, e);
    }
  }

  /**
   * The pixels of a YCbCr or gray JPEG without an ICC profile decoded by libjpeg-turbo, or null
   * for TwelveMonkeys to decode instead: when the library is missing, for CMYK, YCCK, RGB and
   * ICC-tagged files (where TwelveMonkeys converts colors), and for any file libjpeg-turbo rejects
   * (TwelveMonkeys then decodes it or names what is wrong, as it did before).
   */
  private Pixels decodeWithTurbo(byte[] bytes, int minShorterSide) throws DecodeException {
    if (!turbo
        || JpegSegments.find(bytes, JpegSegments.APP2, "ICC_PROFILE\0") != null) {
      return null;
    }
    TurboJpeg.Header h;
    try {
      h = TurboJpeg.header(bytes);
    } catch (DecodeException e) {
      return null;
    }
    if (h.colorspace() != TurboJpeg.TJCS_YCBCR && h.colorspace() != TurboJpeg.TJCS_GRAY) {
      return null;
    }
    checkPixels(h.width(), h.height());
    int eighths = minShorterSide > 0 ? TurboJpeg.scaleFor(h, minShorterSide) : 8;
    try {
      return TurboJpeg.decode(bytes, h, eighths);
    } catch (DecodeException e) {
      return null;
    }
  }

  private static ImageReader pngReader() throws DecodeException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
    if (!readers.hasNext()) {
      throw new DecodeException(Reason.CORRUPT, "no PNG reader in this JVM");
    }
    return readers.next();
  }

  private Pixels decodeWith(ImageReader reader, String format, byte[] bytes)
      throws DecodeException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      checkPixels(reader.getWidth(0), reader.getHeight(0));
      return toPixels(reader.read(0));
    } catch (DecodeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      Reason reason = rootCause(e) instanceof EOFException ? Reason.TRUNCATED : Reason.CORRUPT;
      throw new DecodeException(reason, format + " decoder: " + e, e);
    } finally {
      reader.dispose();
    }
  }

  private void checkPixels(int width, int height) throws DecodeException {
    if ((long) width * height > maxPixels) {
      throw new DecodeException(
          Reason.DECOMPRESSION_BOMB,
          "header says "
              + width
              + "x"
              + height
              + " = "
              + (long) width * height
              + " pixels, over the limit of "
              + maxPixels);
    }
  }

  /** 8-bit gray or RGB samples of {@code image}, whatever its color model. */
  static Pixels toPixels(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    if (cm instanceof IndexColorModel icm) {
      int[] idx = raster.getSamples(0, 0, w, h, 0, (int[]) null);
      byte[] out = new byte[w * h * 3];
      for (int i = 0; i < idx.length; i++) {
        int rgb = icm.getRGB(idx[i]);
        out[3 * i] = (byte) (rgb >> 16);
        out[3 * i + 1] = (byte) (rgb >> 8);
        out[3 * i + 2] = (byte) rgb;
      }
      return new Pixels(w, h, 3, out);
    }
    int type = cm.getColorSpace().getType();
    if (type == ColorSpace.TYPE_GRAY) {
      return new Pixels(w, h, 1, bands(raster, 1));
    }
    if (type == ColorSpace.TYPE_RGB && raster.getNumBands() >= 3) {
      return new Pixels(w, h, 3, bands(raster, 3));
    }
    // Any other color space (e.g. CMYK a decoder did not convert): let Java2D convert to sRGB.
    BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    new ColorConvertOp(null).filter(image, rgb);
    return new Pixels(w, h, 3, bands(rgb.getRaster(), 3));
  }

  /** The first {@code n} bands, interleaved, scaled to 8 bits (raw samples: no gamma change). */
  private static byte[] bands(Raster raster, int n) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    byte[] out = new byte[w * h * n];
    if (raster.getDataBuffer() instanceof DataBufferByte buffer
        && raster.getSampleModel() instanceof PixelInterleavedSampleModel sm
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0) {
      // What the JPEG reader returns (3-byte BGR or gray): copy the bytes without the per-sample
      // calls and int arrays of the general path below.
      byte[] data = buffer.getData();
      int[] offsets = sm.getBandOffsets();
      int stride = sm.getPixelStride();
      int o = 0;
      for (int y = 0; y < h; y++) {
        int p = buffer.getOffset() + y * sm.getScanlineStride();
        for (int x = 0; x < w; x++, p += stride) {
          for (int k = 0; k < n; k++) {
            out[o++] = data[p + offsets[k]];
          }
        }
      }
      return out;
    }
    for (int k = 0; k < n; k++) {
      int bits = raster.getSampleModel().getSampleSize(k);
      long max = (1L << bits) - 1;
      int[] s = raster.getSamples(0, 0, w, h, k, (int[]) null);
      for (int i = 0; i < s.length; i++) {
        out[i * n + k] = (byte) (bits == 8 ? s[i] : (s[i] * 255L + max / 2) / max);
      }
    }
    return out;
  }

  /**
   * True when no end-of-image marker (FF D9) follows the last start-of-scan (FF DA). Entropy-coded
   * data never holds an FF followed by a marker byte, so the search from the end is exact; an
   * embedded EXIF thumbnail's markers come before the main image's scans.
   */
  private static boolean isTruncated(byte[] b) {
    int eoi = -1;
    for (int i = b.length - 2; i >= 0 && eoi < 0; i--) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
        eoi = i;
      }
    }
    if (eoi < 0) {
      return true;
    }
    for (int i = eoi + 2; i < b.length - 1; i++) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xDA) {
        return true;
      }
    }
    return false;
  }

  /** True when the PNG's IEND chunk type is present (searched from the end). */
  private static boolean hasPngEnd(byte[] b) {
    for (int i = b.length - 4; i >= 8; i--) {
      if (b[i] == 'I' && b[i + 1] == 'E' && b[i + 2] == 'N' && b[i + 3] == 'D') {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(8, b.length); i++) {
      sb.append(String.format("%02x", b[i] & 0xFF));
    }
    return sb.toString();
  }
}
