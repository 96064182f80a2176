package org.reorder.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.locks.LockSupport;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * A test-only file system ({@code throttled:///path}): the local disk with every read and write
 * limited, all streams of the JVM together, to {@code fs.throttled.bytes.per.second} (default 200
 * MB/s, the throughput of an executor's S3 link). The round benchmark measures checkpoint costs
 * through it as on an object store.
 */
public final class ThrottledFileSystem extends RawLocalFileSystem {
  private static final URI NAME = URI.create("throttled:///");
  private static final Object CLOCK = new Object();
  private static final long CATCH_UP_NANOS = 10_000_000L;
  private static long freeAtNanos;
  private double bytesPerSecond = 200e6;

  @Override
  public void initialize(URI uri, org.apache.hadoop.conf.Configuration conf) throws IOException {
    super.initialize(uri, conf);
    bytesPerSecond = conf.getDouble("fs.throttled.bytes.per.second", 200e6);
  }

  @Override
  public URI getUri() {
    return NAME;
  }

  @Override
  public String getScheme() {
    return "throttled";
  }

  /**
   * Blocks until {@code bytes} more fit under the rate. A 64 KiB write at 200 MB/s waits 0.33 ms:
   * {@code Thread.sleep(ms, ns)} rounds that up to 1 ms (65 MB/s), so the wait parks for the exact
   * nanoseconds, and time overslept (up to {@link #CATCH_UP_NANOS}) is credited to the next
   * writes, so that the long-run rate is the configured one.
   */
  private void pass(long bytes) {
    long wait;
    synchronized (CLOCK) {
      long now = System.nanoTime();
      freeAtNanos = Math.max(freeAtNanos, now - CATCH_UP_NANOS)
          + (long) (bytes / bytesPerSecond * 1e9);
      wait = freeAtNanos - now;
    }
    long until = System.nanoTime() + wait;
    for (long left = wait; left > 0 && !Thread.currentThread().isInterrupted();
        left = until - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    FSDataInputStream in = super.open(f, bufferSize);
    return new FSDataInputStream(new FSInputStream() {
      @Override
      public int read() throws IOException {
        pass(1);
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
          pass(n);
        }
        return n;
      }

      @Override
      public void seek(long pos) throws IOException {
        in.seek(pos);
      }

      @Override
      public long getPos() throws IOException {
        return in.getPos();
      }

      @Override
      public boolean seekToNewSource(long targetPos) {
        return false;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    });
  }

  /** Every way of creating or appending to a file ends here ({@code RawLocalFileSystem}). */
  @Override
  protected OutputStream createOutputStreamWithMode(Path f, boolean append,
      FsPermission permission) throws IOException {
    OutputStream out = super.createOutputStreamWithMode(f, append, permission);
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        pass(1);
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        pass(len);
        out.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

}
