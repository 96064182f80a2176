package org.reorder.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW with decoupled weight decay whose state (moments and update count) can be saved and
 * restored, which DJL's {@code Optimizer.adamW()} does not allow through its public API.
 *
 * <p>It runs the engine's fused update, the one DJL's {@code AdamW} uses (tested against a plain
 * element-wise implementation): at update {@code t} with learning rate
 * {@code lr = tracker.getNewValue(t)},
 *
 * <pre>
 *   w -= (w * lr) * wd
 *   m  = beta1 * m + (1 - beta1) * g
 *   v  = beta2 * v + (1 - beta2) * g^2
 *   w -= (lr * sqrt(1 - beta2^t) / (1 - beta1^t)) * m / (sqrt(v) + eps)
 * </pre>
 *
 * (epsilon is added to {@code sqrt(v)} before the bias correction, as in DJL; PyTorch's {@code
 * torch.optim.AdamW} adds it after, which differs only when {@code sqrt(v)} is near {@code eps}).
 * State is keyed by the parameter's path name in the block ({@code block.getParameters()}), which
 * is stable across processes, unlike {@link Parameter#getId()}.
 */
public final class AdamW implements AutoCloseable {
  private static final int FORMAT_VERSION = 2;

  private final Tracker learningRate;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final float weightDecay;
  private final NDManager manager;
  private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
  private int updates;

  private AdamW(Builder b, NDManager parent) {
    this.learningRate = b.learningRate;
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.epsilon = b.epsilon;
    this.weightDecay = b.weightDecay;
    this.manager = parent.newSubManager();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Number of updates applied so far (the {@code t} of the last update). */
  public int updates() {
    return updates;
  }

  /**
   * Applies one update to every parameter that has a gradient, using its current gradient.
   *
   * @return the learning rate used
   */
  public float step(List<Pair<String, Parameter>> parameters) {
    int t = ++updates;
    float lr = learningRate.getNewValue(t);
    if (!Float.isFinite(lr)) {
      throw new IllegalStateException("learning rate at update " + t + " is " + lr);
    }
    // As DJL's Adam: the bias correction is folded into the step size in double precision.
    float stepSize = (float) (lr * Math.sqrt(1.0 - Math.pow(beta2, t)) / (1.0 - Math.pow(beta1, t)));
    for (Pair<String, Parameter> named : parameters) {
      NDArray w = named.getValue().getArray();
      if (!w.hasGradient()) {
        continue;
      }
      NDArray[] mv = moments.computeIfAbsent(named.getKey(), k -> zeroState(w));
      try (NDArray g = w.getGradient()) {
        // The engine's fused in-place update (one native call instead of a dozen array
        // operations, each a JNI call with its own temporary); it zeroes the gradient after.
        w.getNDArrayInternal().adamUpdate(new NDList(w, g, mv[0], mv[1]), new NDList(w), lr,
            stepSize, weightDecay, 1f, -1f, beta1, beta2, epsilon, false, true);
      }
    }
    return lr;
  }

  /**
   * Writes the update count and every moment (float32, exact): a {@link ParameterFile} of each
   * parameter's first then second moment, copied once from the engine's memory.
   */
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(FORMAT_VERSION);
    out.writeInt(updates);
    out.writeInt(moments.size());
    ParameterFile.Writer file = new ParameterFile.Writer(out, 2 * moments.size());
    for (Map.Entry<String, NDArray[]> e : moments.entrySet()) {
      for (NDArray moment : e.getValue()) {
        file.write(e.getKey(), moment);
      }
    }
    file.finish();
  }

  /**
   * Replaces the state with what {@link #save} wrote, or what the version before it wrote (DJL's
   * array encoding, format 1), so a run checkpointed by that version still resumes.
   */
  public void load(DataInputStream in) throws IOException {
    int version = in.readInt();
    if (version != FORMAT_VERSION && version != 1) {
      throw new IOException("optimizer state has format version " + version + ", expected "
          + FORMAT_VERSION);
    }
    int newUpdates = in.readInt();
    int count = in.readInt();
    ParameterFile.Reader file = version == 1 ? null
        : new ParameterFile.Reader(in, "the optimizer state");
    Map<String, NDArray[]> loaded = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      if (file == null) {
        loaded.put(in.readUTF(), new NDArray[] {decode(in), decode(in)});
      } else {
        ParameterFile.Entry m = file.next();
        ParameterFile.Entry v = file.next();
        if (!m.name().equals(v.name())) {
          throw new IOException("the optimizer state holds a first moment of " + m.name()
              + " followed by a second moment of " + v.name());
        }
        loaded.put(m.name(), new NDArray[] {create(m), create(v)});
      }
    }
    moments.values().forEach(mv -> { mv[0].close(); mv[1].close(); });
    moments.clear();
    moments.putAll(loaded);
    updates = newUpdates;
  }

  @Override
  public void close() {
    manager.close();
  }

  private NDArray[] zeroState(NDArray w) {
    NDArray[] mv = {
      manager.zeros(w.getShape(), w.getDataType(), w.getDevice()),
      manager.zeros(w.getShape(), w.getDataType(), w.getDevice())
    };
    NDScope.unregister(mv); // state outlives any scope the step runs in
    return mv;
  }

  private NDArray create(ParameterFile.Entry e) {
    NDArray a = manager.create(e.values(), e.shape());
    NDScope.unregister(a);
    return a;
  }

  /** An array of format 1: DJL's encoding, preceded by its length. */
  private NDArray decode(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    NDArray a = manager.decode(bytes);
    NDScope.unregister(a);
    return a;
  }

  /** Builds an {@link AdamW}; the learning-rate tracker is required. */
  public static final class Builder {
    private Tracker learningRate;
    private float beta1 = 0.9f;
    private float beta2 = 0.999f;
    private float epsilon = 1e-8f;
    private float weightDecay = 0.01f;

    private Builder() {}

    public Builder setLearningRateTracker(Tracker tracker) {
      this.learningRate = tracker;
      return this;
    }

    public Builder optBeta1(float beta1) {
      this.beta1 = beta1;
      return this;
    }

    public Builder optBeta2(float beta2) {
      this.beta2 = beta2;
      return this;
    }

    public Builder optEpsilon(float epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    public Builder optWeightDecay(float weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /** Validates the settings; state arrays live in a sub-manager of {@code manager}. */
    public AdamW build(NDManager manager) {
      if (learningRate == null) {
        throw new IllegalArgumentException("AdamW needs a learning-rate tracker");
      }
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException(
            "AdamW betas must be in [0, 1), got " + beta1 + ", " + beta2);
      }
      if (!(epsilon > 0) || !(weightDecay >= 0)) {
        throw new IllegalArgumentException(
            "AdamW needs eps > 0 and weight decay >= 0, got " + epsilon + ", " + weightDecay);
      }
      return new AdamW(this, manager);
    }
  }
}
