package org.reorder.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints of one run: {@code RUN_DIR/checkpoints/step-NNNNNNNN/} holding {@code
 * model.params} (DJL parameters), {@code optimizer.bin} (AdamW moments and count), {@code
 * policy.json} (REOrder runs: logits, policy AdamW, baseline), {@code validation.json} (the
 * validations so far, {@link ValidationHistory}; written by {@code reorder train}) and {@code
 * state.json} ({@link RunState}). Each is written fully under a temporary name and then renamed, so a checkpoint
 * directory either is complete or does not exist; only the newest {@code keep} are kept.
 */
public final class Checkpoints {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Names of checkpoint directories: {@code step-} and eight digits, so names sort by step. */
  public static final String NAME_PATTERN = "step-\\d{8}";

  private final Path root;
  private final int keep;

  /** What a checkpoint's content is written by. */
  @FunctionalInterface
  public interface Writer {
    void write(Path dir) throws IOException;
  }

  public Checkpoints(Path runDir, int keep) {
    this.root = runDir.resolve(RunFiles.CHECKPOINTS);
    this.keep = keep;
  }

  /** The newest complete checkpoint, if any. */
  public Optional<Path> latest() {
    List<Path> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Writes checkpoint {@code step}: {@code content} then {@code state}, then commits by renaming. */
  public Path save(RunState state, Writer content) throws IOException {
    Files.createDirectories(root);
    String name = String.format("step-%08d", state.step());
    Path tmp = root.resolve("." + name + ".tmp");
    Path dir = root.resolve(name);
    deleteTree(tmp);
    Files.createDirectories(tmp);
    content.write(tmp);
    JSON.writeValue(tmp.resolve(RunFiles.STATE).toFile(), state);
    deleteTree(dir);
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    List<Path> all = list();
    for (int i = 0; i < all.size() - keep; i++) {
      deleteTree(all.get(i));
    }
    return dir;
  }

  /** The loop position stored in {@code checkpoint}. */
  public static RunState readState(Path checkpoint) throws IOException {
    Path file = checkpoint.resolve(RunFiles.STATE);
    try {
      return JSON.readValue(file.toFile(), RunState.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private List<Path> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      List<Path> out = new ArrayList<>(s.filter(p -> p.getFileName().toString()
          .matches(NAME_PATTERN) && Files.exists(p.resolve(RunFiles.STATE))).toList());
      out.sort(Comparator.comparing(p -> p.getFileName().toString()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
