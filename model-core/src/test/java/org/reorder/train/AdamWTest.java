package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AdamWTest {

  /**
   * Sets w's gradient to that of a loss that changes from step to step: sum((w * x_t)^2) + sum(w
   * * y_t).
   */
  private static void backward(NDArray w, int step) {
    NDManager m = w.getManager();
    if (w.hasGradient()) {
      w.getGradient().subi(w.getGradient());
    }
    try (GradientCollector gc = Engine.getInstance().newGradientCollector();
        NDArray x = m.arange(1f, 7f).reshape(2, 3).mul(0.1f * (step + 1));
        NDArray y = m.arange(6f).reshape(2, 3).sub(2.5f * step)) {
      NDArray loss = w.mul(x).square().sum().add(w.mul(y).sum());
      gc.backward(loss);
    }
  }

  private static Parameter parameter(NDArray w) {
    Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
    p.setArray(w);
    return p;
  }

  @Test
  void matchesAPlainElementWiseAdamWOverSeveralSteps() {
    float lr = 0.05f;
    float wd = 0.03f;
    float beta1 = 0.8f;
    float beta2 = 0.99f;
    float eps = 1e-6f;
    double[] w = {0.5, -1, 2, 0.01, -0.3, 1.5};
    double[] m = new double[w.length];
    double[] v = new double[w.length];
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray mine = manager.create(new float[] {0.5f, -1f, 2f, 0.01f, -0.3f, 1.5f}, new Shape(2, 3));
      mine.setRequiresGradient(true);
      List<Pair<String, Parameter>> params = List.of(new Pair<>("w", parameter(mine)));
      try (AdamW adam = AdamW.builder().setLearningRateTracker(Tracker.fixed(lr))
          .optWeightDecay(wd).optBeta1(beta1).optBeta2(beta2).optEpsilon(eps).build(manager)) {
        for (int step = 0; step < 6; step++) {
          backward(mine, step);
          float[] g = mine.getGradient().toFloatArray();
          adam.step(params);
          int t = step + 1;
          double stepSize = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
          for (int i = 0; i < w.length; i++) {
            w[i] -= w[i] * lr * wd;
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + eps);
          }
          float[] actual = mine.toFloatArray();
          for (int i = 0; i < w.length; i++) {
            assertEquals(w[i], actual[i], 1e-5, "step " + step + ", element " + i);
          }
        }
        assertEquals(6, adam.updates());
      }
    }
  }

  @Test
  void savedStateContinuesExactly() throws Exception {
    assertResumesExactly(saved -> saved);
  }

  /** The optimizer files of runs checkpointed before format 2 still resume. */
  @Test
  void stateInTheFormatBeforeContinuesExactly() throws Exception {
    assertResumesExactly(AdamWTest::formatOne);
  }

  /** Trains 8 steps straight, and 4 + save + load + 4, the saved bytes passed through {@code as}. */
  private static void assertResumesExactly(UnaryOperator<byte[]> as) throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.create(new float[] {0.5f, -1f, 2f, 0.01f, -0.3f, 1.5f}, new Shape(2, 3));
      a.setRequiresGradient(true);
      NDArray b = a.duplicate();
      b.setRequiresGradient(true);
      LearningRateSchedule lr = LearningRateSchedule.cosine(0.1, 0.01, 2, 8);
      List<Pair<String, Parameter>> pa = List.of(new Pair<>("w", parameter(a)));
      List<Pair<String, Parameter>> pb = List.of(new Pair<>("w", parameter(b)));
      byte[] saved;
      try (AdamW straight = AdamW.builder().setLearningRateTracker(lr).build(manager);
          AdamW first = AdamW.builder().setLearningRateTracker(lr).build(manager)) {
        for (int step = 0; step < 4; step++) {
          backward(a, step);
          straight.step(pa);
          backward(b, step);
          first.step(pb);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        first.save(new DataOutputStream(bytes));
        saved = as.apply(bytes.toByteArray());
        try (AdamW resumed = AdamW.builder().setLearningRateTracker(lr).build(manager)) {
          resumed.load(new DataInputStream(new ByteArrayInputStream(saved)));
          assertEquals(4, resumed.updates());
          for (int step = 4; step < 8; step++) {
            backward(a, step);
            straight.step(pa);
            backward(b, step);
            resumed.step(pb);
          }
        }
      }
      assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
    }
  }

  /**
   * A saved state rewritten as format 1 wrote it: version, updates, count, then per parameter its
   * name and both moments, each an int length and DJL's encoding of the array.
   */
  private static byte[] formatOne(byte[] formatTwo) {
    try (NDManager manager = NDManager.newBaseManager()) {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(formatTwo));
      assertEquals(2, in.readInt());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(1);
      out.writeInt(in.readInt());
      int count = in.readInt();
      out.writeInt(count);
      ParameterFile.Reader file = new ParameterFile.Reader(in, "saved");
      for (int i = 0; i < 2 * count; i++) {
        ParameterFile.Entry e = file.next();
        if (i % 2 == 0) {
          out.writeUTF(e.name());
        }
        byte[] encoded = manager.create(e.values(), e.shape()).encode();
        out.writeInt(encoded.length);
        out.write(encoded);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
