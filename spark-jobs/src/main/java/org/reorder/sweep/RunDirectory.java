package org.reorder.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The sweep's run directory through Hadoop's FileSystem (local, HDFS, s3a://), the single source
 * of truth for resuming:
 *
 * <pre>
 * RUN_DIR/sweep.yaml                                  the resolved sweep
 * RUN_DIR/runs/RUN/config.yaml                         the run's resolved experiment
 * RUN_DIR/runs/RUN/checkpoints/round-NNNNNN/           model-rRRR.params, optimizer-rRRR.bin,
 *                                                      policy.json, state.json, _COMMITTED
 * RUN_DIR/runs/RUN/metrics.jsonl                       one line per round
 * RUN_DIR/runs/RUN/summary.json                        final validation (trainer's RunSummary)
 * RUN_DIR/runs/RUN/final/                              the final (replica-averaged) model:
 *                                                      model.params, state.json, policy.json,
 *                                                      config.yaml (loadable by reorder eval)
 * RUN_DIR/runs/RUN/learned-order.json                  REOrder runs: start, learned order, logits
 * RUN_DIR/tables/{accuracy,metrics}.parquet, accuracy.json
 * </pre>
 *
 * Whole files are written with one create-and-overwrite (a single PUT on object stores), never
 * appended, so they work on s3a://.
 */
public final class RunDirectory {
  private final String root;
  private final Configuration conf;
  private final FileSystem fs;

  public RunDirectory(String root, Configuration conf) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.conf = conf;
    try {
      this.fs = new Path(this.root).getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file system of run directory " + root, e);
    }
  }

  /** The root, as given. */
  public String root() {
    return root;
  }

  /** The Hadoop configuration it was opened with. */
  public Configuration conf() {
    return conf;
  }

  /** {@code RUN_DIR/<relative>}. */
  public String path(String relative) {
    return root + "/" + relative;
  }

  /** A run's directory, {@code runs/<id>}. */
  public String run(String runId) {
    return path("runs/" + runId);
  }

  /** A run's checkpoint directory. */
  public String checkpoints(String runId) {
    return run(runId) + "/checkpoints";
  }

  /** Writes (replaces) a UTF-8 text file. */
  public void write(String path, String text) {
    write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes (replaces) a file. */
  public void write(String path, byte[] bytes) {
    try (OutputStream out = fs.create(new Path(path), true)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** A UTF-8 text file, if it exists. */
  public Optional<String> read(String path) {
    Path p = new Path(path);
    try {
      if (!fs.exists(p)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(p)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
