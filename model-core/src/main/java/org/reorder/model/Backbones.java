package org.reorder.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/** Builds the classifier for a {@link ModelConfig}: the one switch over {@link ModelType}. */
public final class Backbones {

  private Backbones() {}

  /**
   * The classifier for {@code config}; see {@link ReorderClassifier} for its input and output.
   * Linear weights start from {@link FanInUniform} (torch.nn.Linear's default) unless their
   * block chose otherwise, biases at zero (DJL's default) except the patch projection's (see
   * {@link PatchEmbedding}); the position table, CLS token and Mamba's SSM parameters carry their
   * own initializers. docs/models.md, "Initialisation", compares this with the reference.
   */
  public static ReorderClassifier build(ModelConfig config) {
    ReorderClassifier classifier =
        ReorderClassifier.builder().setConfig(config).setBackbone(backbone(config)).build();
    // A weight still holding DJL's default for its type (He-normal, sqrt(2/fan_in): logits of
    // standard deviation ~1.4 at the start) was initialised by no block.
    Initializer djlDefault = Parameter.Type.WEIGHT.getInitializer();
    classifier.setInitializer(new FanInUniform(),
        p -> p.getType() == Parameter.Type.WEIGHT && p.getInitializer() == djlDefault);
    return classifier;
  }

  private static Block backbone(ModelConfig c) {
    return switch (c.type()) {
      case VIT -> TransformerEncoder.builder().setWidth(c.width()).setDepth(c.depth())
          .setHeads(c.heads()).optDropout(c.dropout()).build();
      case LONGFORMER -> TransformerEncoder.builder().setWidth(c.width()).setDepth(c.depth())
          .setHeads(c.heads()).optDropout(c.dropout()).optLocalWindow(c.longformer().window())
          .build();
      case TRANSFORMER_XL -> TransformerXlEncoder.builder().setWidth(c.width())
          .setDepth(c.depth()).setHeads(c.heads()).setNumPatches(c.numPatches())
          .optDropout(c.dropout()).setOptions(c.transformerXl()).build();
      case MAMBA -> MambaEncoder.builder().setWidth(c.width()).setDepth(c.depth())
          .setNumPatches(c.numPatches()).setOptions(c.mamba()).build();
    };
  }
}
