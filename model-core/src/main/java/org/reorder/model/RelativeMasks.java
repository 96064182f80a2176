package org.reorder.model;

/** Masks, relative distances and the sinusoidal table for Transformer-XL attention. */
final class RelativeMasks {

  /**
   * An attention pattern of {@code queries x keys}: additive {@code bias} (0 or
   * {@link LongformerMask#MASKED}) and the relative distance of each pair (0 where masked).
   */
  record Mask(int queries, int keys, float[] bias, long[] distance) {}

  private RelativeMasks() {}

  /**
   * Causal attention of {@code s} queries over {@code memory + s} keys (memory first): query
   * {@code i} sits at key position {@code memory + i} and sees keys {@code j <= memory + i}.
   */
  static Mask causal(int s, int memory) {
    int k = memory + s;
    float[] bias = new float[s * k];
    long[] distance = new long[s * k];
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < k; j++) {
        int delta = memory + i - j;
        bias[i * k + j] = delta >= 0 ? 0f : LongformerMask.MASKED;
        distance[i * k + j] = Math.max(delta, 0);
      }
    }
    return new Mask(s, k, bias, distance);
  }

  /**
   * The reference's pattern for a sequence of {@code length} tokens with CLS first: the patches
   * attend causally ({@code j <= i}), CLS (query 0) attends to every token and every token to
   * CLS (key 0, a key every causal query sees anyway). The distance is {@code |i - j|}: CLS sees
   * token {@code j} at distance {@code j}. (The reference computes CLS's position term with
   * Transformer-XL's shift trick, which for keys after the query reads another row's values, an
   * artefact not reproduced here.)
   */
  static Mask clsFirst(int length) {
    float[] bias = new float[length * length];
    long[] distance = new long[length * length];
    for (int i = 0; i < length; i++) {
      for (int j = 0; j < length; j++) {
        bias[i * length + j] = i == 0 || j <= i ? 0f : LongformerMask.MASKED;
        distance[i * length + j] = Math.abs(i - j);
      }
    }
    return new Mask(length, length, bias, distance);
  }

  /**
   * The sinusoidal table {@code [k, width]} for distances {@code 0..k-1}: row {@code m} is
   * {@code sin(m f_0..f_{d/2-1})} followed by {@code cos(m f_0..)}, {@code f_i = 10000^(-2i/d)}.
   */
  static float[] sinusoid(int k, int width) {
    int half = width / 2;
    float[] table = new float[k * width];
    for (int m = 0; m < k; m++) {
      for (int i = 0; i < half; i++) {
        double angle = m * Math.pow(10000.0, -2.0 * i / width);
        table[m * width + i] = (float) Math.sin(angle);
        table[m * width + half + i] = (float) Math.cos(angle);
      }
    }
    return table;
  }
}
