package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Longformer attention against a per-query brute force over the allowed keys only. */
class LongformerAttentionTest {
  private static final int WIDTH = 8;
  private static final int HEADS = 2;
  private static final int LENGTH = 11; // CLS + 10 patches
  private static final int WINDOW = 4; // 2 each side

  @Test
  void maskedAttentionEqualsBruteForce() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      MultiHeadAttention attention =
          MultiHeadAttention.builder().setWidth(WIDTH).setHeads(HEADS).build();
      attention.setInitializer(new ai.djl.training.initializer.NormalInitializer(0.5f),
          ai.djl.nn.Parameter.Type.WEIGHT);
      attention.setInitializer(new ai.djl.training.initializer.NormalInitializer(0.1f),
          ai.djl.nn.Parameter.Type.BIAS);
      int batch = 2;
      attention.initialize(manager, DataType.FLOAT64, new Shape(batch, LENGTH, WIDTH));
      double[] x = new double[batch * LENGTH * WIDTH];
      Random random = new Random(1);
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextGaussian();
      }
      NDArray input = manager.create(x, new Shape(batch, LENGTH, WIDTH));
      NDArray bias = manager.create(LongformerMask.bias(LENGTH, WINDOW / 2),
          new Shape(LENGTH, LENGTH)).toType(DataType.FLOAT64, false);
      double[] actual = attention.forward(new ParameterStore(manager, false),
          new NDList(input, bias), false).singletonOrThrow().toDoubleArray();
      assertArrayEquals(bruteForce(attention, x, batch), actual, 1e-10);
    }
  }

  /** Plain loops: for each query, softmax over exactly the keys Longformer allows. */
  private static double[] bruteForce(MultiHeadAttention attention, double[] x, int batch) {
    double[] wQkv = ParamValues.of(attention.qkvProjection(), "weight");
    double[] bQkv = ParamValues.of(attention.qkvProjection(), "bias");
    double[] wOut = ParamValues.of(attention.outputProjection(), "weight");
    double[] bOut = ParamValues.of(attention.outputProjection(), "bias");
    int dh = WIDTH / HEADS;
    double[] out = new double[batch * LENGTH * WIDTH];
    for (int b = 0; b < batch; b++) {
      double[][] qkv = new double[LENGTH][];
      for (int t = 0; t < LENGTH; t++) {
        qkv[t] = ParamValues.linear(wQkv, bQkv,
            ParamValues.row(x, b * LENGTH + t, WIDTH), 3 * WIDTH);
      }
      for (int i = 0; i < LENGTH; i++) {
        List<Integer> keys = new ArrayList<>();
        for (int j = 0; j < LENGTH; j++) {
          boolean global = i == 0 || j == 0; // CLS attends to all, all attend to CLS
          if (global || Math.abs(i - j) <= WINDOW / 2) {
            keys.add(j);
          }
        }
        double[] mixed = new double[WIDTH];
        for (int h = 0; h < HEADS; h++) {
          double[] scores = new double[keys.size()];
          double max = Double.NEGATIVE_INFINITY;
          for (int n = 0; n < keys.size(); n++) {
            double s = 0;
            for (int c = 0; c < dh; c++) {
              s += qkv[i][h * dh + c] * qkv[keys.get(n)][WIDTH + h * dh + c];
            }
            scores[n] = s / Math.sqrt(dh);
            max = Math.max(max, scores[n]);
          }
          double total = 0;
          for (int n = 0; n < scores.length; n++) {
            scores[n] = Math.exp(scores[n] - max);
            total += scores[n];
          }
          for (int n = 0; n < scores.length; n++) {
            for (int c = 0; c < dh; c++) {
              mixed[h * dh + c] += scores[n] / total * qkv[keys.get(n)][2 * WIDTH + h * dh + c];
            }
          }
        }
        double[] y = ParamValues.linear(wOut, bOut, mixed, WIDTH);
        System.arraycopy(y, 0, out, (b * LENGTH + i) * WIDTH, WIDTH);
      }
    }
    return out;
  }
}
