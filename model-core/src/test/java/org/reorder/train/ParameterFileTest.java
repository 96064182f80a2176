package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParameterFileTest {
  /** Sizes around the writer's 16,384-float chunk. */
  private static final List<Integer> SIZES = List.of(1, 16_383, 16_384, 16_385, 40_000);

  private static float[] values(int n, long seed) {
    Random random = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  /** The file the writer makes from arrays, written by hand: the format its javadoc states. */
  private static byte[] byHand(List<float[]> tensors) {
    int bytes = 12;
    for (float[] t : tensors) {
      bytes += 2 + 2 + 4 + 8 + 4 * t.length;
    }
    ByteBuffer b = ByteBuffer.allocate(bytes);
    b.putInt(0x52504152).putInt(1).putInt(tensors.size());
    for (int i = 0; i < tensors.size(); i++) {
      b.putShort((short) 2).put((byte) 't').put((byte) ('0' + i)); // writeUTF of "t0", "t1", ...
      b.putInt(1).putLong(tensors.get(i).length);
      b.order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(tensors.get(i));
      b.position(b.position() + 4 * tensors.get(i).length).order(ByteOrder.BIG_ENDIAN);
    }
    return b.array();
  }

  /** Writes each tensor from a direct buffer of {@code order}, past a few leading floats. */
  private static byte[] fromDirectBuffers(List<float[]> tensors, ByteOrder order)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ParameterFile.Writer w = new ParameterFile.Writer(out, tensors.size());
    for (int i = 0; i < tensors.size(); i++) {
      float[] t = tensors.get(i);
      FloatBuffer view = ByteBuffer.allocateDirect(4 * (t.length + 3)).order(order)
          .asFloatBuffer();
      view.position(3);
      view.put(t);
      view.position(3);
      w.write("t" + i, new Shape(t.length), view);
    }
    w.finish();
    return out.toByteArray();
  }

  @Test
  void writesTheDocumentedFormatFromArraysAndFromNativeViewsOfEitherByteOrder()
      throws IOException {
    List<float[]> tensors = SIZES.stream().map(n -> values(n, n)).toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ParameterFile.Writer w = new ParameterFile.Writer(out, tensors.size());
    for (int i = 0; i < tensors.size(); i++) {
      w.write(new ParameterFile.Entry("t" + i, new Shape(tensors.get(i).length), tensors.get(i)));
    }
    w.finish();
    byte[] expected = byHand(tensors);
    assertArrayEquals(expected, out.toByteArray());
    assertArrayEquals(expected, fromDirectBuffers(tensors, ByteOrder.LITTLE_ENDIAN));
    assertArrayEquals(expected, fromDirectBuffers(tensors, ByteOrder.BIG_ENDIAN));

    ParameterFile.Reader r = new ParameterFile.Reader(new ByteArrayInputStream(expected), "f");
    for (int i = 0; i < tensors.size(); i++) {
      ParameterFile.Entry e = r.next();
      assertEquals("t" + i, e.name());
      assertEquals(new Shape(tensors.get(i).length), e.shape());
      assertArrayEquals(tensors.get(i), e.values(), 0f);
    }
    assertEquals(0, r.remaining());
  }

  @Test
  void refusesValuesThatDoNotFitTheShapeAndNamesATruncatedFile() throws IOException {
    ParameterFile.Writer w = new ParameterFile.Writer(new ByteArrayOutputStream(), 1);
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> w.write("w", new Shape(2, 3), FloatBuffer.wrap(new float[5])));
    assertTrue(wrong.getMessage().contains("w: shape (2, 3) holds 6 values, got 5"),
        wrong.getMessage());

    byte[] file = byHand(List.of(values(100, 1)));
    ParameterFile.Reader r = new ParameterFile.Reader(
        new ByteArrayInputStream(Arrays.copyOf(file, file.length - 1)), "round-3/model-s000.params");
    IOException truncated = assertThrows(IOException.class, r::next);
    assertEquals("round-3/model-s000.params ends inside a tensor (truncated?)",
        truncated.getMessage());
  }
}
