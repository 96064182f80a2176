package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reorder.model.Scale;

class GradientsTest {
  private static final float[] A = {3f, -1f, 0.5f};
  private static final float[] B = {2f, 4f};

  /** Parameters a, b with gradients {@code g_a = A}, {@code g_b = B} (loss = A·a + B·b). */
  private static List<Pair<String, Parameter>> withGradients(NDManager m) {
    return withGradients(m, 1);
  }

  /** Gradients {@code factor} times those of {@link #withGradients(NDManager)}. */
  private static List<Pair<String, Parameter>> withGradients(NDManager m, float factor) {
    NDArray a = m.zeros(new Shape(3));
    NDArray b = m.zeros(new Shape(2));
    a.setRequiresGradient(true);
    b.setRequiresGradient(true);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      gc.backward(Scale.by(a.mul(m.create(A)).sum().add(b.mul(m.create(B)).sum()), factor));
    }
    return List.of(new Pair<>("a", parameter(a)), new Pair<>("b", parameter(b)));
  }

  private static Parameter parameter(NDArray w) {
    Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
    p.setArray(w);
    return p;
  }

  private static double expectedNorm() {
    double sum = 0;
    for (float v : A) {
      sum += v * v;
    }
    for (float v : B) {
      sum += v * v;
    }
    return Math.sqrt(sum); // sqrt(30.25) = 5.5
  }

  private static float[] gradient(Pair<String, Parameter> p) {
    return p.getValue().getArray().getGradient().toFloatArray();
  }

  @Test
  void clipScalesEveryGradientByTheGlobalNorm() {
    try (NDManager m = NDManager.newBaseManager()) {
      List<Pair<String, Parameter>> params = withGradients(m);
      double norm = Gradients.clip(params, 1.1, 1);
      assertEquals(expectedNorm(), norm, 1e-9);
      float scale = (float) (1.1 / (expectedNorm() + 1e-6));
      assertArrayEquals(new float[] {A[0] * scale, A[1] * scale, A[2] * scale},
          gradient(params.get(0)), 1e-6f);
      assertArrayEquals(new float[] {B[0] * scale, B[1] * scale}, gradient(params.get(1)), 1e-6f);
    }
  }

  @Test
  void clipLeavesGradientsBelowTheLimitAndOnlyMeasuresWithoutOne() {
    try (NDManager m = NDManager.newBaseManager()) {
      List<Pair<String, Parameter>> params = withGradients(m);
      assertEquals(expectedNorm(), Gradients.clip(params, 6.0, 1), 1e-9);
      assertEquals(expectedNorm(), Gradients.clip(params, 0, 1), 1e-9);
      assertArrayEquals(A, gradient(params.get(0)), 0f);
      assertArrayEquals(B, gradient(params.get(1)), 0f);
    }
  }

  @Test
  void zeroClearsEveryGradientOverflowedOnesToo() {
    try (NDManager m = NDManager.newBaseManager()) {
      List<Pair<String, Parameter>> params = withGradients(m);
      params.get(0).getValue().getArray().getGradient().muli(Float.POSITIVE_INFINITY);
      Gradients.zero(params);
      assertArrayEquals(new float[3], gradient(params.get(0)), 0f);
      assertArrayEquals(new float[2], gradient(params.get(1)), 0f);
    }
  }

  @Test
  void clipDividesByTheLossScaleAndMeasuresTheDividedGradients() {
    try (NDManager m = NDManager.newBaseManager()) {
      List<Pair<String, Parameter>> params = withGradients(m, 8);
      assertEquals(expectedNorm(), Gradients.clip(params, 0, 8), 1e-9);
      assertArrayEquals(A, gradient(params.get(0)), 0f);
      assertArrayEquals(B, gradient(params.get(1)), 0f);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      List<Pair<String, Parameter>> params = withGradients(m, 8);
      assertEquals(expectedNorm(), Gradients.clip(params, 1.1, 8), 1e-9);
      float scale = (float) (1.1 / (expectedNorm() + 1e-6));
      assertArrayEquals(new float[] {B[0] * scale, B[1] * scale}, gradient(params.get(1)), 1e-6f);
    }
  }

  @Test
  void clipLeavesOverflowedGradientsAsTheyAre() {
    try (NDManager m = NDManager.newBaseManager()) {
      List<Pair<String, Parameter>> params = withGradients(m, 8);
      params.get(0).getValue().getArray().getGradient().muli(Float.POSITIVE_INFINITY);
      assertEquals(Double.POSITIVE_INFINITY, Gradients.clip(params, 1.1, 8));
      assertArrayEquals(new float[] {8 * B[0], 8 * B[1]}, gradient(params.get(1)), 0f);
    }
  }
}
