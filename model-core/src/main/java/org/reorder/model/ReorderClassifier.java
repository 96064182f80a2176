package org.reorder.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A patch classifier around one sequence backbone; the place where patches are permuted.
 *
 * <p>Input {@code NDList(patches [B, N, patchDim] float, order [1, N] or [B, N] int64)}, where
 * {@code order[b, k]} is the patch at sequence slot {@code k}; output logits
 * {@code [B, numClasses]}. Forward, top to bottom:
 *
 * <ol>
 *   <li>embed every patch ({@link PatchEmbedding});
 *   <li>add the position table row {@code j+1} to patch {@code j} <em>before</em> permuting, so
 *       the embedding follows the patch and a change of order never re-assigns rows;
 *   <li>gather the slots with {@code order} ({@link PatchGather}); dropout on the tokens (and
 *       on CLS) at the config's rate, as each reference model drops its embeddings;
 *   <li>hand the ordered tokens and the CLS token (CLS parameter + row 0) to the backbone, which
 *       places CLS where its mechanism needs it and returns the readout {@code [B, d]};
 *   <li>classify ({@link ClassifierHead}).
 * </ol>
 */
public final class ReorderClassifier extends AbstractBlock {
  private static final byte VERSION = 1;

  private final ModelConfig config;
  private final float dropout;
  private final boolean usesCls;
  private final PatchEmbedding embedding;
  private final Parameter positions;
  private final Parameter cls;
  private final Block backbone;
  private final ClassifierHead head;

  private ReorderClassifier(Builder builder) {
    super(VERSION);
    config = builder.config;
    dropout = (float) config.dropout();
    usesCls = config.sequenceLength() > config.numPatches();
    int d = config.width();
    embedding = addChildBlock("embedding", PatchEmbedding.builder().setWidth(d).build());
    positions = addParameter(Parameter.builder().setName("positions")
        .setType(Parameter.Type.OTHER).optInitializer(new NormalInitializer(0.02f))
        .optShape(new Shape(config.numPatches() + 1L, d)).build());
    // Only declared when used, so that every parameter receives a gradient.
    cls = usesCls ? addParameter(Parameter.builder().setName("cls")
        .setType(Parameter.Type.OTHER).optInitializer(new NormalInitializer(0.02f))
        .optShape(new Shape(1, 1, d)).build()) : null;
    backbone = addChildBlock("backbone", builder.backbone);
    head = addChildBlock("head",
        ClassifierHead.builder().setNumClasses(config.numClasses()).build());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The configuration this classifier was built from. */
  public ModelConfig config() {
    return config;
  }

  /**
   * {@link #loadParameters} that checks every stored array against the shape it replaces. DJL
   * takes a stored array of any shape, so parameters written by a model of another config would
   * only fail (or not) at the first forward pass. Call on an initialised block.
   *
   * @throws IllegalArgumentException naming the first parameter whose stored shape differs
   */
  public void loadCheckedParameters(NDManager manager, DataInputStream in)
      throws IOException, MalformedModelException {
    Map<String, Shape> expected = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : getParameters()) {
      expected.put(p.getKey(), p.getValue().getArray().getShape());
    }
    loadParameters(manager, in);
    for (Pair<String, Parameter> p : getParameters()) {
      Shape loaded = p.getValue().getArray().getShape();
      if (!loaded.equals(expected.get(p.getKey()))) {
        throw new IllegalArgumentException("parameter " + p.getKey() + " has shape " + loaded
            + ", the config's model expects " + expected.get(p.getKey()));
      }
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    if (inputs.size() != 2) {
      throw new IllegalArgumentException(
          "classifier input must be NDList(patches, order), got " + inputs.size() + " arrays");
    }
    NDArray patches = inputs.get(0);
    checkPatches(patches.getShape());
    NDArray x = embedding.forward(ps, new NDList(patches), training).singletonOrThrow();
    NDArray table = ParamValue.of(ps, positions, x, training); // [N+1, d]
    x = x.add(table.get(new NDIndex("1:"))); // patch j gets row j+1: [B, N, d]
    x = PatchGather.gather(x, inputs.get(1)); // slot order: [B, N, d]
    NDList sequence = new NDList(embeddingDropout(x, training));
    if (usesCls) {
      NDArray clsToken = ParamValue.of(ps, cls, x, training)
          .add(table.get(new NDIndex("0:1")).expandDims(0)); // [1, 1, d]
      if (dropout > 0 && training) { // a mask per image: [B, 1, d]
        clsToken = embeddingDropout(clsToken.broadcast(x.getShape().get(0), 1, config.width()),
            true);
      }
      sequence.add(clsToken);
    }
    NDList features = backbone.forward(ps, sequence, training); // [B, d]
    return head.forward(ps, features, training);
  }

  /** Dropout on the embedded tokens, as every reference model drops its embeddings. */
  private NDArray embeddingDropout(NDArray tokens, boolean training) {
    return EngineRandom.dropout(tokens, dropout, training);
  }

  private void checkPatches(Shape s) {
    if (s.dimension() != 3 || s.get(1) != config.numPatches() || s.get(2) != config.patchDim()) {
      throw new IllegalArgumentException(
          "patches must have shape [B, " + config.numPatches() + ", " + config.patchDim()
              + "] (numPatches, patchDim of the model config), got " + s);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), config.numClasses())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape patches = shapes[0];
    embedding.initialize(manager, dataType, patches);
    Shape tokens = new Shape(patches.get(0), config.numPatches(), config.width());
    if (usesCls) {
      backbone.initialize(manager, dataType, tokens, new Shape(1, 1, config.width()));
    } else {
      backbone.initialize(manager, dataType, tokens);
    }
    head.initialize(manager, dataType, new Shape(patches.get(0), config.width()));
  }

  Block backbone() {
    return backbone;
  }

  /** Builds a {@link ReorderClassifier}; normally via {@link Backbones#build(ModelConfig)}. */
  public static final class Builder {
    private ModelConfig config;
    private Block backbone;

    /** The model configuration (required). */
    public Builder setConfig(ModelConfig config) {
      this.config = config;
      return this;
    }

    /**
     * The sequence backbone (required): input {@code NDList(tokens [B, N, d])}, plus
     * {@code cls [1, 1, d]} when the config has a CLS token; output {@code [B, d]}.
     */
    public Builder setBackbone(Block backbone) {
      this.backbone = backbone;
      return this;
    }

    public ReorderClassifier build() {
      if (config == null || backbone == null) {
        throw new IllegalArgumentException("classifier needs a config and a backbone");
      }
      return new ReorderClassifier(this);
    }
  }
}
