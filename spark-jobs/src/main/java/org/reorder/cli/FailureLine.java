package org.reorder.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import org.reorder.dataset.TransientStorageException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * How every command ends when it fails: one line on stderr, {@code reorder <command>: ...}, saying
 * what failed and where (the file, key or option named by the message) and, where known, what to
 * do; the stack trace only with {@code --verbose}. Exit code 2 for a bad argument or configuration
 * ({@link IllegalArgumentException}, which {@code ConfigException} is), 1 for anything else.
 */
final class FailureLine implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    boolean verbose = verbose(parsed);
    if (verbose) {
      e.printStackTrace();
    }
    boolean usage = e instanceof IllegalArgumentException;
    System.err.println(
        "reorder "
            + command.getCommandName()
            + ": "
            + (usage ? "" : "failed: ")
            + summary(e)
            + advice(e, usage, verbose));
    return usage ? 2 : 1;
  }

  /** Whether {@code --verbose} was given to the command or any command above it. */
  static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(ReorderCli.VERBOSE)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One line about {@code e}: its message (its first line: Spark's run on with the driver's stack
   * trace), completed where the message alone says too little: a file-system exception's message
   * is only the path, and a wrapper's message rarely holds the root cause.
   */
  static String summary(Throwable e) {
    if (e instanceof FileSystemException f) {
      return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : what(f));
    }
    String message = firstLine(e.getMessage());
    if (message.isEmpty()) {
      message = e.getClass().getSimpleName();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootMessage = root == e ? "" : firstLine(root.getMessage());
    return rootMessage.isEmpty() || message.contains(rootMessage)
        ? message
        : message + " (cause: " + rootMessage + ")";
  }

  private static String what(FileSystemException f) {
    if (f instanceof NoSuchFileException) {
      return "no such file or directory";
    } else if (f instanceof FileAlreadyExistsException) {
      return "already exists";
    } else if (f instanceof NotDirectoryException) {
      return "is not a directory";
    } else if (f instanceof AccessDeniedException) {
      return "permission denied";
    } else if (f instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    return f.getClass().getSimpleName().replaceAll("Exception$", "").toLowerCase(Locale.ROOT);
  }

  private static String advice(Throwable e, boolean usage, boolean verbose) {
    if (usage) {
      return "";
    }
    if (e instanceof TransientStorageException) {
      return "; the storage did not answer: check that it is reachable, then rerun"
          + " (--io-retries and --io-backoff-ms set how long prep waits)";
    }
    return verbose ? "" : " (--verbose shows the stack trace)";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
