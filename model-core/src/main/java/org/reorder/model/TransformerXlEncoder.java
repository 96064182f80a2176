package org.reorder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The Transformer-XL encoder: causal relative attention over segments with a per-layer memory.
 *
 * <p>The sequence is the ordered patches followed by CLS: CLS sits <em>last</em> so that, under
 * causal attention, the readout token is the one that has seen every patch (the reference reads
 * out CLS; placed first it would see only itself). The sequence is cut into segments of
 * {@code segmentLength}; layer {@code l} of a segment attends causally to its own segment and to
 * a memory of the last {@code memoryLength} layer-{@code l} inputs of earlier segments (gradient
 * stopped), as in Dai et al. With memory off, segments are independent; choose
 * {@code segmentLength >= N+1} to get the reference's single segment.
 *
 * <p>Input {@code NDList(tokens [B, N, d], cls [1, 1, d])}; output the CLS state {@code [B, d]}.
 */
public final class TransformerXlEncoder extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int width;
  private final TransformerXlOptions options;
  private final List<RelativeAttentionLayer> layers = new ArrayList<>();

  private TransformerXlEncoder(Builder builder) {
    super(VERSION);
    width = builder.width;
    options = builder.options;
    for (int i = 0; i < builder.depth; i++) {
      layers.add(addChildBlock("layer_" + i, RelativeAttentionLayer.builder().setWidth(width)
          .setHeads(builder.heads).optDropout(builder.dropout).build()));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray tokens = inputs.get(0);
    long batch = tokens.getShape().get(0);
    NDArray x = tokens.concat(inputs.get(1).broadcast(batch, 1, width), 1); // [B, L, d], CLS last
    NDArray h = segmented(ps, x, training); // [B, L, d]
    return new NDList(h.get(new NDIndex(":, -1"))); // CLS, the last slot: [B, d]
  }

  /** All final hidden states {@code [B, L, d]} of the segment recurrence over {@code x}. */
  NDArray segmented(ParameterStore ps, NDArray x, boolean training) {
    int length = Math.toIntExact(x.getShape().get(1));
    int segment = options.segmentLength();
    boolean memory = options.memoryEnabled() && options.memoryLength() > 0;
    NDList segments = x.split(segmentStarts(length, segment), 1); // each [B, <=S, d]
    NDArray[] memories = new NDArray[layers.size()];
    NDList outputs = new NDList(segments.size());
    for (NDArray seg : segments) {
      NDArray h = seg;
      for (int l = 0; l < layers.size(); l++) {
        NDArray context = memories[l] == null ? h : memories[l].concat(h, 1); // [B, M+S, d]
        int memLength = memories[l] == null ? 0 : Math.toIntExact(memories[l].getShape().get(1));
        if (memory) {
          memories[l] = tail(context, options.memoryLength()).stopGradient();
        }
        h = layer(ps, l, h, context, RelativeMasks.causal(
            Math.toIntExact(h.getShape().get(1)), memLength), training);
      }
      outputs.add(h);
    }
    return outputs.size() == 1 ? outputs.get(0) : NDArrays.concat(outputs, 1);
  }

  /**
   * One pass of all layers over the whole sequence {@code x [B, L, d]} with an explicit mask:
   * the equivalence check of the segment recurrence (tests only).
   */
  NDArray forwardWithMask(ParameterStore ps, NDArray x, RelativeMasks.Mask mask) {
    NDArray h = x;
    for (int l = 0; l < layers.size(); l++) {
      h = layer(ps, l, h, h, mask, false);
    }
    return h;
  }

  private NDArray layer(ParameterStore ps, int l, NDArray h, NDArray context,
      RelativeMasks.Mask mask, boolean training) {
    NDManager m = h.getManager();
    DataType type = h.getDataType();
    int s = mask.queries();
    int k = mask.keys();
    NDList in = new NDList(h, context,
        m.create(mask.bias(), new Shape(s, k)).toType(type, false),
        m.create(mask.distance(), new Shape(s, k)),
        m.create(RelativeMasks.sinusoid(k, width), new Shape(k, width)).toType(type, false));
    return layers.get(l).forward(ps, in, training).singletonOrThrow();
  }

  private static NDArray tail(NDArray context, int keep) {
    long k = context.getShape().get(1);
    return k <= keep ? context : context.get(new NDIndex(":, {}:", k - keep));
  }

  private static long[] segmentStarts(int length, int segment) {
    int count = (length - 1) / segment; // split points after the first segment
    long[] starts = new long[count];
    for (int i = 0; i < count; i++) {
      starts[i] = (long) (i + 1) * segment;
    }
    return starts;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), width)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape seq = new Shape(shapes[0].get(0), shapes[0].get(1) + 1, width);
    for (RelativeAttentionLayer layer : layers) {
      layer.initialize(manager, dataType, seq);
    }
  }

  /** Builds a {@link TransformerXlEncoder}. */
  public static final class Builder {
    private int width;
    private int depth;
    private int heads;
    private double dropout;
    private TransformerXlOptions options = TransformerXlOptions.DEFAULT;

    public Builder setWidth(int width) {
      this.width = width;
      return this;
    }

    public Builder setDepth(int depth) {
      this.depth = depth;
      return this;
    }

    public Builder setHeads(int heads) {
      this.heads = heads;
      return this;
    }

    public Builder optDropout(double dropout) {
      this.dropout = dropout;
      return this;
    }

    /** Segment and memory settings (default {@link TransformerXlOptions#DEFAULT}). */
    public Builder setOptions(TransformerXlOptions options) {
      this.options = options;
      return this;
    }

    public TransformerXlEncoder build() {
      if (depth < 1) {
        throw new IllegalArgumentException("transformer-xl depth must be >= 1, got " + depth);
      }
      if (width % 2 != 0) {
        throw new IllegalArgumentException(
            "transformer-xl width must be even (sinusoidal relative embeddings), got " + width);
      }
      return new TransformerXlEncoder(this);
    }
  }
}
