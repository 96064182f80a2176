package org.reorder.model;

/**
 * The hyper-parameters of one backbone, validated on construction.
 *
 * <p>Type-specific options are always present (with defaults) and only read by their backbone.
 * Start from {@link #of(ModelType, ModelSize, int, int, int)} and adjust with the {@code with}
 * methods.
 *
 * @param type the backbone family
 * @param width model width d
 * @param depth number of blocks
 * @param heads attention heads (ignored by Mamba); must divide width
 * @param patchDim values per patch, C*p*p
 * @param numPatches patches per image N
 * @param numClasses classifier outputs
 * @param dropout dropout probability in [0, 1): the embedded tokens, and inside the transformer
 *     blocks where their reference has it (docs/models.md); Mamba uses only the first
 * @param transformerXl Transformer-XL options
 * @param longformer Longformer options
 * @param mamba Mamba options
 */
public record ModelConfig(
    ModelType type,
    int width,
    int depth,
    int heads,
    int patchDim,
    int numPatches,
    int numClasses,
    double dropout,
    TransformerXlOptions transformerXl,
    LongformerOptions longformer,
    MambaOptions mamba) {

  public ModelConfig {
    if (type == null) {
      throw new IllegalArgumentException("model type must be set");
    }
    requirePositive("width", width);
    requirePositive("depth", depth);
    requirePositive("heads", heads);
    requirePositive("patchDim", patchDim);
    requirePositive("numPatches", numPatches);
    if (numClasses < 2) {
      throw new IllegalArgumentException("model numClasses must be >= 2, got " + numClasses);
    }
    if (type != ModelType.MAMBA && width % heads != 0) {
      throw new IllegalArgumentException(
          "model heads (" + heads + ") must divide width (" + width + ")");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("model dropout must be in [0, 1), got " + dropout);
    }
    if (transformerXl == null || longformer == null || mamba == null) {
      throw new IllegalArgumentException(
          "model options transformerXl, longformer and mamba must be set (use the DEFAULTs)");
    }
    if (type == ModelType.TRANSFORMER_XL) {
      transformerXl.check(numPatches);
    }
    if (type == ModelType.MAMBA && mamba.directions() == MambaOptions.Directions.ARM4) {
      mamba.grid(numPatches); // validates the folding now, not at the first forward pass
    }
  }

  /** A config of {@code size}'s width/depth/heads with default options and no dropout. */
  public static ModelConfig of(
      ModelType type, ModelSize size, int patchDim, int numPatches, int numClasses) {
    return new ModelConfig(
        type, size.width(), size.depth(), size.heads(), patchDim, numPatches, numClasses, 0.0,
        TransformerXlOptions.DEFAULT, LongformerOptions.DEFAULT, MambaOptions.DEFAULT);
  }

  /** Another width, depth and head count. */
  public ModelConfig withShape(int newWidth, int newDepth, int newHeads) {
    return new ModelConfig(type, newWidth, newDepth, newHeads, patchDim, numPatches, numClasses,
        dropout, transformerXl, longformer, mamba);
  }

  public ModelConfig withDropout(double p) {
    return new ModelConfig(type, width, depth, heads, patchDim, numPatches, numClasses, p,
        transformerXl, longformer, mamba);
  }

  public ModelConfig withTransformerXl(TransformerXlOptions o) {
    return new ModelConfig(type, width, depth, heads, patchDim, numPatches, numClasses, dropout,
        o, longformer, mamba);
  }

  public ModelConfig withLongformer(LongformerOptions o) {
    return new ModelConfig(type, width, depth, heads, patchDim, numPatches, numClasses, dropout,
        transformerXl, o, mamba);
  }

  public ModelConfig withMamba(MambaOptions o) {
    return new ModelConfig(type, width, depth, heads, patchDim, numPatches, numClasses, dropout,
        transformerXl, longformer, o);
  }

  /** Sequence length the backbone runs on: N plus one CLS token where the model has one. */
  public int sequenceLength() {
    boolean cls = type != ModelType.MAMBA || mamba.readout() == MambaOptions.Readout.CLS;
    return numPatches + (cls ? 1 : 0);
  }

  private static void requirePositive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("model " + field + " must be >= 1, got " + value);
    }
  }
}
