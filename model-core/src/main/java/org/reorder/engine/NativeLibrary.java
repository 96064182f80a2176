package org.reorder.engine;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.LibUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PyTorch native library the engine loaded in this JVM.
 *
 * <p>DJL chooses among the {@code pytorch-native-<flavour>} jars on the classpath (each carries a
 * {@code native/lib/pytorch.properties}): a CUDA flavour such as {@code cu124} only when it finds
 * a GPU through the node's CUDA runtime library ({@code libcudart}) of at least that version,
 * otherwise the CPU one; it extracts the chosen library into its cache
 * ({@code <cache>/pytorch/<version>-<flavour>-<os>-<arch>}, or uses {@code PYTORCH_LIBRARY_PATH}).
 *
 * @param engine the engine's name ({@code PyTorch})
 * @param version the PyTorch version ({@code 2.5.1})
 * @param djlVersion the DJL version ({@code 0.33.0})
 * @param flavour {@code cpu}, {@code cu124}, ... from the library's folder name; {@code cuda} or
 *     {@code cpu} (by capability) for a folder DJL did not name
 * @param path the folder the library was loaded from
 * @param cuda whether the loaded library was built with CUDA
 */
public record NativeLibrary(String engine, String version, String djlVersion, String flavour,
    Path path, boolean cuda) {

  /** Where a jar on the classpath offers a flavour of the library. */
  public record Offered(String flavour, String version, String source) {}

  /** The properties file each pytorch-native jar carries (DJL's {@code Platform} reads it). */
  static final String PROPERTIES = "native/lib/pytorch.properties";

  // <version>-<flavour>-<os>-<arch>, e.g. 2.5.1-20241113-cu124-linux-x86_64 or 2.7.1-cpu-linux-aarch64
  private static final Pattern CACHE_FOLDER =
      Pattern.compile("\\d+\\.\\d+\\.\\d+(?:-\\d+)?-(.+)-(?:linux|osx|win)-[^-]+");

  /** The library of this JVM's engine (starts the engine if it has not started). */
  public static NativeLibrary loaded() {
    Engine engine = Engine.getInstance();
    Path path = Path.of(LibUtils.getLibtorchPath());
    boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
    return new NativeLibrary(engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(),
        flavourOf(path.getFileName().toString(), cuda), path, cuda);
  }

  /** The flavour a library folder's name gives, else {@code cuda} or {@code cpu}. */
  static String flavourOf(String folder, boolean cuda) {
    Matcher m = CACHE_FOLDER.matcher(folder);
    if (m.matches()) {
      return m.group(1);
    }
    return cuda ? "cuda" : "cpu";
  }

  /** The flavours the jars visible to {@code loader} offer, in classpath order. */
  public static List<Offered> offered(ClassLoader loader) {
    List<Offered> out = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(PROPERTIES))) {
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
          p.load(in);
        }
        String source = url.toString().replaceFirst("^jar:", "").replaceFirst("!/" + PROPERTIES
            + "$", "");
        out.add(new Offered(p.getProperty("flavor", "?"), p.getProperty("version", "?"), source));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + PROPERTIES + " from the classpath", e);
    }
    return out;
  }

  /** One line: {@code PyTorch 2.5.1 (DJL 0.33.0), cu124 library}. */
  public String summary() {
    return engine + " " + version + " (DJL " + djlVersion + "), " + flavour + " library";
  }
}
