package org.reorder.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
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
  void matchesDjlAdamWOverSeveralSteps() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray mine = manager.create(new float[] {0.5f, -1f, 2f, 0.01f, -0.3f, 1.5f}, new Shape(2, 3));
      NDArray theirs = mine.duplicate();
      mine.setRequiresGradient(true);
      theirs.setRequiresGradient(true);
      Tracker lr = Tracker.fixed(0.05f);
      Optimizer djl =
          Optimizer.adamW().optLearningRateTracker(lr).optWeightDecays(0.03f).optBeta1(0.8f)
              .optBeta2(0.99f).optEpsilon(1e-6f).build();
      List<Pair<String, Parameter>> params = List.of(new Pair<>("w", parameter(mine)));
      try (AdamW adam = AdamW.builder().setLearningRateTracker(lr).optWeightDecay(0.03f)
          .optBeta1(0.8f).optBeta2(0.99f).optEpsilon(1e-6f).build(manager)) {
        for (int step = 0; step < 6; step++) {
          backward(mine, step);
          backward(theirs, step);
          adam.step(params);
          djl.update("w", theirs, theirs.getGradient());
          assertArrayEquals(theirs.toFloatArray(), mine.toFloatArray(), 1e-6f, "step " + step);
        }
        assertEquals(6, adam.updates());
      }
    }
  }

  @Test
  void savedStateContinuesExactly() throws Exception {
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
        saved = bytes.toByteArray();
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
}
