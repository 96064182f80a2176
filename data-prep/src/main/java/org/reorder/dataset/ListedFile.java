package org.reorder.dataset;

import org.apache.hadoop.fs.Path;
import org.reorder.image.DecodeException.Reason;

/**
 * One entry of a split's listing: a regular file and its size, or an entry that cannot be read as
 * a file (a FIFO, socket or device, a dangling or looping symbolic link) with the quarantine reason
 * that says why. The latter are never opened: opening a FIFO blocks forever.
 *
 * @param size bytes, as the listing saw them
 * @param problem null for a regular file
 * @param detail what is wrong, naming the entry; null for a regular file
 */
record ListedFile(Path path, long size, Reason problem, String detail) {

  static ListedFile regular(Path path, long size) {
    return new ListedFile(path, size, null, null);
  }

  static ListedFile unusable(Path path, Reason problem, String detail) {
    return new ListedFile(path, -1, problem, detail);
  }
}
