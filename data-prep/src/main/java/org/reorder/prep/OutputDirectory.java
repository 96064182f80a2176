package org.reorder.prep;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The directory a job writes into, checked before any work: a file in its place would otherwise
 * be found only when the first output is written, after the listing or the scoring, inside a
 * Spark stack trace.
 */
public final class OutputDirectory {
  private OutputDirectory() {}

  /**
   * @throws IllegalArgumentException naming {@code --output} when {@code output} is a file
   */
  public static void require(String output, Configuration conf) throws IOException {
    Path out = new Path(output);
    try {
      if (!out.getFileSystem(conf).getFileStatus(out).isDirectory()) {
        throw new IllegalArgumentException(
            "--output " + output + " is a file; give a directory (new or written by reorder)");
      }
    } catch (FileNotFoundException absent) {
      // created by the job
    }
  }
}
