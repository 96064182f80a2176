package org.reorder.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A file of named float32 tensors, written and read as a stream: what a distributed run's round
 * checkpoints hold (a shard of a model's parameters, or their replica mean). Unlike DJL's {@code
 * .params}, a reader needs no model to read one, so a shard can be averaged with others without
 * building the model, and a model's parameters can be spread over several files.
 *
 * <pre>
 * int magic 'RPAR', int version 1, int count, then per tensor:
 *   UTF name, int rank, long[rank] dims, float32 values (little-endian, row-major)
 * </pre>
 */
public final class ParameterFile {
  private static final int MAGIC = 0x52504152; // "RPAR"
  private static final int VERSION = 1;
  /** Values go between a tensor and the stream through a buffer this large, never all at once. */
  private static final int CHUNK_BYTES = 1 << 16;

  private ParameterFile() {}

  /** One named tensor. */
  public record Entry(String name, Shape shape, float[] values) {
    public Entry {
      if (shape.size() != values.length) {
        throw new IllegalArgumentException(name + ": shape " + shape + " holds " + shape.size()
            + " values, got " + values.length);
      }
    }
  }

  /** Writes tensors one at a time; the count is declared up front. */
  public static final class Writer {
    private final DataOutputStream out;
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    private int left;

    /** Starts a file of {@code count} tensors on {@code out} (which the caller closes). */
    public Writer(OutputStream out, int count) throws IOException {
      this.out = new DataOutputStream(out);
      this.left = count;
      this.out.writeInt(MAGIC);
      this.out.writeInt(VERSION);
      this.out.writeInt(count);
    }

    public void write(Entry e) throws IOException {
      write(e.name(), e.shape(), FloatBuffer.wrap(e.values()));
    }

    /**
     * Writes {@code array} (float32) as the tensor {@code name}, from a view of the engine's
     * memory: on the CPU no copy of it on the heap; on another device the scope closes the CPU
     * copy {@code toByteBuffer} makes.
     */
    public void write(String name, NDArray array) throws IOException {
      if (array.getDataType() != DataType.FLOAT32) {
        throw new IllegalStateException(name + " is " + array.getDataType()
            + ", a parameter file holds float32");
      }
      try (NDScope scope = new NDScope()) {
        write(name, array.getShape(), array.toByteBuffer(true).asFloatBuffer());
      }
    }

    /**
     * Writes the tensor {@code name} whose values are the remaining floats of {@code values}, in
     * any byte order: a view of native memory ({@code NDArray.toByteBuffer(true)}) is copied once,
     * through a small buffer, with no array of the tensor's size on the heap.
     */
    public void write(String name, Shape shape, FloatBuffer values) throws IOException {
      if (shape.size() != values.remaining()) {
        throw new IllegalArgumentException(name + ": shape " + shape + " holds " + shape.size()
            + " values, got " + values.remaining());
      }
      if (left-- == 0) {
        throw new IllegalStateException("more tensors than declared");
      }
      out.writeUTF(name);
      long[] dims = shape.getShape();
      out.writeInt(dims.length);
      for (long d : dims) {
        out.writeLong(d);
      }
      FloatBuffer floats = chunk.asFloatBuffer();
      for (int at = values.position(); at < values.limit(); at += floats.capacity()) {
        int n = Math.min(floats.capacity(), values.limit() - at);
        floats.clear();
        floats.put(values.slice(at, n));
        out.write(chunk.array(), 0, n * Float.BYTES);
      }
    }

    /** Checks that every declared tensor was written and flushes. */
    public void finish() throws IOException {
      if (left != 0) {
        throw new IllegalStateException(left + " declared tensors not written");
      }
      out.flush();
    }
  }

  /** Reads the tensors of a file in order. */
  public static final class Reader {
    private final DataInputStream in;
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    private final String source;
    private int left;

    /**
     * @param source names the file in error messages
     * @throws IOException naming {@code source} if it is not a parameter file
     */
    public Reader(InputStream in, String source) throws IOException {
      this.in = new DataInputStream(in);
      this.source = source;
      try {
        int magic = this.in.readInt();
        int version = this.in.readInt();
        if (magic != MAGIC || version != VERSION) {
          throw new IOException(source + " is not a parameter file of version " + VERSION);
        }
        this.left = this.in.readInt();
      } catch (EOFException e) {
        throw new IOException(source + " ends before its header (truncated?)", e);
      }
    }

    /** Tensors not read yet. */
    public int remaining() {
      return left;
    }

    /** The next tensor. */
    public Entry next() throws IOException {
      if (left == 0) {
        throw new IllegalStateException(source + " has no more tensors");
      }
      try {
        String name = in.readUTF();
        long[] dims = new long[in.readInt()];
        for (int i = 0; i < dims.length; i++) {
          dims[i] = in.readLong();
        }
        Shape shape = new Shape(dims);
        float[] values = new float[Math.toIntExact(shape.size())];
        FloatBuffer floats = chunk.asFloatBuffer();
        for (int at = 0; at < values.length; at += floats.capacity()) {
          int n = Math.min(floats.capacity(), values.length - at);
          in.readFully(chunk.array(), 0, n * Float.BYTES);
          floats.get(0, values, at, n);
        }
        left--;
        return new Entry(name, shape, values);
      } catch (EOFException e) {
        throw new IOException(source + " ends inside a tensor (truncated?)", e);
      }
    }
  }
}
