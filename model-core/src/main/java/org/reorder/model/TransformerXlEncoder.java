package org.reorder.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Transformer-XL encoder: causal relative attention, with CLS placed as {@link
 * TransformerXlOptions.ClsPosition} says, over segments with a per-layer memory.
 *
 * <p>CLS {@code FIRST} (the reference): {@code [CLS, slots]} in one segment; the patches attend
 * causally, CLS attends to every token and every token to CLS ({@link RelativeMasks#clsFirst}).
 * CLS {@code LAST}: {@code [slots, CLS]}, strictly causal, so the readout token is the one that
 * has seen every patch. The sequence is cut into segments of {@code segmentLength}; layer {@code
 * l} of a segment attends causally to its own segment and to a memory of the last {@code
 * memoryLength} layer-{@code l} inputs of earlier segments (gradient stopped), as in Dai et al.
 * With memory off, segments are independent; {@code segmentLength >= N+1} gives the reference's
 * single segment.
 *
 * <p>The relative table ({@code [N+1, d]} for distances 0..N) is learned and shared by the layers
 * (the reference's {@code pe_mode: learned}) or sinusoidal. Dropout, at the model's rate, on the
 * table and on the readout state, as the reference's {@code MemTransformerLM}.
 *
 * <p>Input {@code NDList(tokens [B, N, d], cls [1, 1, d] or [B, 1, d])}; output the CLS state
 * {@code [B, d]}.
 */
public final class TransformerXlEncoder extends AbstractBlock {
  /** 2: CLS placement and the learned relative table. Version 1 does not load. */
  private static final byte VERSION = 2;

  private final int width;
  private final float dropout;
  private final TransformerXlOptions options;
  private final Parameter table; // null for the sinusoidal table
  private final List<RelativeAttentionLayer> layers = new ArrayList<>();

  private TransformerXlEncoder(Builder builder) {
    super(VERSION);
    width = builder.width;
    dropout = (float) builder.dropout;
    options = builder.options;
    table = options.relative() == TransformerXlOptions.RelativePositions.LEARNED
        ? addParameter(Parameter.builder().setName("relative_table")
            .setType(Parameter.Type.OTHER).optInitializer(new NormalInitializer(0.02f))
            .optShape(new Shape(builder.numPatches + 1L, width)).build())
        : null;
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
    NDArray cls = inputs.get(1).broadcast(batch, 1, width); // [B, 1, d]
    NDArray state;
    if (options.cls() == TransformerXlOptions.ClsPosition.FIRST) {
      NDArray x = cls.concat(tokens, 1); // [B, L, d], CLS first
      int length = Math.toIntExact(x.getShape().get(1));
      NDArray h = forwardWithMask(ps, x, RelativeMasks.clsFirst(length), training);
      state = h.get(new NDIndex(":, 0")); // [B, d]
    } else {
      NDArray x = tokens.concat(cls, 1); // [B, L, d], CLS last
      NDList outputs = segmented(ps, x, training);
      // CLS is the last slot of the last segment. Read it there, not from a concatenation of all
      // segments: that would back-propagate zeros through every earlier segment.
      state = outputs.get(outputs.size() - 1).get(new NDIndex(":, -1")); // [B, d]
    }
    return new NDList(EngineRandom.dropout(state, dropout, training));
  }

  /**
   * The final hidden states of each segment ({@code [B, S_i, d]}, in order) of the segment
   * recurrence over {@code x [B, L, d]}, every query causal.
   */
  NDList segmented(ParameterStore ps, NDArray x, boolean training) {
    int length = Math.toIntExact(x.getShape().get(1));
    int segment = options.segmentLength();
    boolean memory = options.memoryEnabled() && options.memoryLength() > 0;
    NDList segments = x.split(segmentStarts(length, segment), 1); // each [B, <=S, d]
    NDArray[] memories = new NDArray[layers.size()];
    NDList outputs = new NDList(segments.size());
    for (NDArray seg : segments) {
      NDArray h = seg;
      // Every layer's memory has the same length, so one mask serves the whole segment.
      int memLength = memories[0] == null ? 0 : Math.toIntExact(memories[0].getShape().get(1));
      NDList masks = maskArrays(ps, h, RelativeMasks.causal(
          Math.toIntExact(h.getShape().get(1)), memLength), training);
      for (int l = 0; l < layers.size(); l++) {
        NDArray context = memories[l] == null ? h : memories[l].concat(h, 1); // [B, M+S, d]
        if (memory) {
          memories[l] = tail(context, options.memoryLength()).stopGradient();
        }
        h = layer(ps, l, h, context, masks, training);
      }
      outputs.add(h);
    }
    return outputs;
  }

  /** One pass of all layers over the whole sequence {@code x [B, L, d]} with {@code mask}. */
  NDArray forwardWithMask(ParameterStore ps, NDArray x, RelativeMasks.Mask mask,
      boolean training) {
    NDList masks = maskArrays(ps, x, mask, training);
    NDArray h = x;
    for (int l = 0; l < layers.size(); l++) {
      h = layer(ps, l, h, h, masks, training);
    }
    return h;
  }

  private NDArray layer(ParameterStore ps, int l, NDArray h, NDArray context, NDList masks,
      boolean training) {
    NDList in = new NDList(h, context);
    in.addAll(masks);
    return layers.get(l).forward(ps, in, training).singletonOrThrow();
  }

  /** {@code bias [S, K]}, {@code distance [S, K]} and the relative table's rows {@code [K, d]}. */
  private NDList maskArrays(ParameterStore ps, NDArray like, RelativeMasks.Mask mask,
      boolean training) {
    NDManager m = like.getManager();
    DataType type = like.getDataType();
    int s = mask.queries();
    int k = mask.keys();
    NDArray positions = table == null
        ? m.create(RelativeMasks.sinusoid(k, width), new Shape(k, width)).toType(type, false)
        : ParamValue.of(ps, table, like, training).get(new NDIndex(":{}", k)); // [K, d]
    positions = EngineRandom.dropout(positions, dropout, training);
    return new NDList(
        m.create(mask.bias(), new Shape(s, k)).toType(type, false),
        m.create(mask.distance(), new Shape(s, k)),
        positions);
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

  @Override
  protected void loadMetadata(byte loadVersion, DataInputStream is)
      throws IOException, MalformedModelException {
    if (loadVersion != VERSION) {
      throw new MalformedModelException("the Transformer-XL parameters were saved by encoder "
          + "version " + loadVersion + " (version 1: CLS last, sinusoidal relative table only); "
          + "this build reads version " + VERSION + "; retrain");
    }
    super.loadMetadata(loadVersion, is);
  }

  /** Builds a {@link TransformerXlEncoder}. */
  public static final class Builder {
    private int width;
    private int depth;
    private int heads;
    private int numPatches;
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

    /** Patches per image N (required: the relative table covers distances 0..N). */
    public Builder setNumPatches(int numPatches) {
      this.numPatches = numPatches;
      return this;
    }

    public Builder optDropout(double dropout) {
      this.dropout = dropout;
      return this;
    }

    /** CLS, segment, memory and table settings (default {@link TransformerXlOptions#DEFAULT}). */
    public Builder setOptions(TransformerXlOptions options) {
      this.options = options;
      return this;
    }

    public TransformerXlEncoder build() {
      if (depth < 1 || numPatches < 1) {
        throw new IllegalArgumentException("transformer-xl depth and numPatches must be >= 1, "
            + "got " + depth + ", " + numPatches);
      }
      if (options.relative() == TransformerXlOptions.RelativePositions.SINUSOID
          && width % 2 != 0) {
        throw new IllegalArgumentException(
            "transformer-xl width must be even (sinusoidal relative embeddings), got " + width);
      }
      options.check(numPatches);
      return new TransformerXlEncoder(this);
    }
  }
}
