package org.reorder.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A class list and its name-to-label index: sorted directory names, or a mapping file whose line
 * {@code i} starts with class {@code i}'s name (ImageNet's LOC_synset_mapping.txt format: {@code
 * n01440764 tench, Tinca tinca}; blank lines and {@code #} comments are skipped).
 */
public final class ClassList {
  private final List<String> names;
  private final Map<String, Integer> index = new HashMap<>();

  public ClassList(List<String> names) {
    this.names = List.copyOf(names);
    for (int i = 0; i < names.size(); i++) {
      if (index.put(names.get(i), i) != null) {
        throw new IllegalArgumentException("class '" + names.get(i) + "' is listed twice");
      }
    }
  }

  /** Reads a mapping file (first whitespace- or comma-separated token per line). */
  public static ClassList fromFile(FileSystem fs, Path file) throws IOException {
    if (!fs.exists(file)) {
      throw new IllegalArgumentException("--class-map file not found: " + file);
    }
    List<String> names = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          names.add(t.split("[\\s,]+", 2)[0]);
        }
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("--class-map file " + file + " lists no classes");
    }
    return new ClassList(names);
  }

  /** Label of {@code name}, or -1 when it is not a class. */
  public int label(String name) {
    return index.getOrDefault(name, -1);
  }

  public List<String> names() {
    return names;
  }
}
