package org.reorder.prior;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;

/**
 * How the prior compresses: container format, preset (0-9), the xz "extreme" flag and the
 * dictionary size. Recorded with every result ({@link #describe()}) because the paper publishes
 * none of these.
 *
 * <p>Defaults ({@link #defaults()}): raw LZMA2, preset 6, not extreme, the preset's 8 MiB
 * dictionary. Preset 6 is the default of xz, liblzma and Python's {@code lzma} module, so it is
 * the most likely setting of the paper's unpublished code. Raw LZMA2 is the default format
 * because a container adds a fixed cost that biases small inputs: the xz container adds about 60
 * bytes (header, block header, CRC64, index, footer), which is 15 % of a 392-byte token sequence,
 * while raw LZMA2 adds a few bytes of chunk header plus a 1-byte end marker. {@link Format#XZ}
 * reproduces Python's {@code lzma.compress(data)} (xz container, CRC64, preset 6).
 *
 * @param format container format
 * @param preset compression preset, 0 (fastest) to 9 (slowest); as in xz, presets 0-3 use the
 *     fast mode with a hash-chain match finder and 4-9 the normal mode with a binary tree
 * @param extreme the xz {@code -e} variant of the preset (normal mode, BT4, longer nice length)
 * @param dictSize dictionary size in bytes; inputs no longer than the dictionary are compressed
 *     as a whole, so per-image scores do not depend on it once it exceeds the image
 */
public record LzmaSettings(Format format, int preset, boolean extreme, int dictSize) {

  /** Container around the LZMA2 stream. */
  public enum Format {
    /** Raw LZMA2 chunks and an end marker, no header ({@code xz --format=raw --lzma2=...}). */
    LZMA2_RAW("lzma2-raw"),
    /** The .xz container with a CRC64 check ({@code xz --format=xz --check=crc64}). */
    XZ("xz");

    private final String cliName;

    Format(String cliName) {
      this.cliName = cliName;
    }

    /** The name used in configs and in {@link LzmaSettings#describe()}. */
    public String cliName() {
      return cliName;
    }

    /** Parses {@code lzma2-raw} or {@code xz}, naming the known formats on error. */
    public static Format fromName(String name) {
      for (Format f : values()) {
        if (f.cliName.equals(name)) {
          return f;
        }
      }
      throw new IllegalArgumentException(
          "unknown LZMA format '" + name + "', expected one of: lzma2-raw, xz");
    }
  }

  /** The preset used when none is given, as in xz and Python's lzma. */
  public static final int DEFAULT_PRESET = 6;

  public LzmaSettings {
    if (format == null) {
      throw new IllegalArgumentException("LZMA format must be given (lzma2-raw or xz)");
    }
    if (preset < LZMA2Options.PRESET_MIN || preset > LZMA2Options.PRESET_MAX) {
      throw new IllegalArgumentException(
          "LZMA preset must be in [0, 9], got " + preset);
    }
    if (dictSize < LZMA2Options.DICT_SIZE_MIN || dictSize > LZMA2Options.DICT_SIZE_MAX) {
      throw new IllegalArgumentException(
          "LZMA dictSize must be in [" + LZMA2Options.DICT_SIZE_MIN + ", "
              + LZMA2Options.DICT_SIZE_MAX + "] bytes, got " + dictSize);
    }
  }

  /** Raw LZMA2, preset 6, not extreme, 8 MiB dictionary. */
  public static LzmaSettings defaults() {
    return ofPreset(DEFAULT_PRESET);
  }

  /** Raw LZMA2 at {@code preset}, not extreme, with the preset's own dictionary size. */
  public static LzmaSettings ofPreset(int preset) {
    return new LzmaSettings(Format.LZMA2_RAW, preset, false, presetDictSize(preset));
  }

  /** The dictionary size preset {@code preset} uses (256 KiB at 0 up to 64 MiB at 9). */
  public static int presetDictSize(int preset) {
    return toOptionsOrThrow(preset).getDictSize();
  }

  /** These settings in another container format. */
  public LzmaSettings withFormat(Format newFormat) {
    return new LzmaSettings(newFormat, preset, extreme, dictSize);
  }

  /** These settings with the extreme flag set or cleared. */
  public LzmaSettings withExtreme(boolean newExtreme) {
    return new LzmaSettings(format, preset, newExtreme, dictSize);
  }

  /** These settings with another dictionary size. */
  public LzmaSettings withDictSize(int newDictSize) {
    return new LzmaSettings(format, preset, extreme, newDictSize);
  }

  /**
   * The encoder options. The extreme variant copies liblzma's {@code lzma_lzma_preset}: normal
   * mode with BT4, nice length 192 and automatic depth at presets 3 and 5, nice length 273 and
   * depth 512 otherwise.
   */
  LZMA2Options toOptions() {
    LZMA2Options options = toOptionsOrThrow(preset);
    try {
      options.setDictSize(dictSize);
      if (extreme) {
        options.setMode(LZMA2Options.MODE_NORMAL);
        options.setMatchFinder(LZMA2Options.MF_BT4);
        boolean shortNice = preset == 3 || preset == 5;
        options.setNiceLen(shortNice ? 192 : LZMA2Options.NICE_LEN_MAX);
        options.setDepthLimit(shortNice ? 0 : 512);
      }
    } catch (UnsupportedOptionsException e) {
      // The constructor validated every value, so XZ for Java rejecting one is a bug here.
      throw new IllegalStateException("XZ for Java rejected validated settings " + this, e);
    }
    return options;
  }

  /**
   * The same compression with the {@code xz} command-line tool (input from a file or stdin,
   * output to stdout), e.g. {@code xz --format=raw --lzma2=preset=6,dict=8388608 -c}. Output sizes
   * match XZ for Java closely but not always to the byte; preset 0 differs more because XZ for
   * Java has no HC3 match finder and uses HC4 where liblzma uses HC3.
   */
  public List<String> xzCommand() {
    List<String> cmd = new ArrayList<>(List.of("xz", "--format=" + (format == Format.XZ ? "xz" : "raw")));
    if (format == Format.XZ) {
      cmd.add("--check=crc64");
    }
    cmd.add("--lzma2=preset=" + preset + (extreme ? "e" : "") + ",dict=" + dictSize);
    cmd.add("--threads=1");
    cmd.add("--stdout");
    return cmd;
  }

  /**
   * A JSON-friendly description (insertion-ordered map of strings, numbers and booleans), e.g.
   * {@code {"library":"org.tukaani:xz 1.10","format":"lzma2-raw","preset":6,"extreme":false,
   * "dictSize":8388608}}.
   */
  public Map<String, Object> describe() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("library", "org.tukaani:xz " + libraryVersion());
    map.put("format", format.cliName());
    map.put("preset", preset);
    map.put("extreme", extreme);
    map.put("dictSize", dictSize);
    return map;
  }

  /** The XZ for Java version on the classpath, from its jar manifest. */
  static String libraryVersion() {
    String version = LZMA2Options.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "%s preset %d%s dict %d", format.cliName(), preset, extreme ? "e" : "",
        dictSize);
  }

  private static LZMA2Options toOptionsOrThrow(int preset) {
    try {
      return new LZMA2Options(preset);
    } catch (UnsupportedOptionsException e) {
      throw new IllegalArgumentException("LZMA preset must be in [0, 9], got " + preset, e);
    }
  }
}
