package org.reorder.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;

/** Builds the classifier for a {@link ModelConfig}: the one switch over {@link ModelType}. */
public final class Backbones {

  private Backbones() {}

  /**
   * The classifier for {@code config}; see {@link ReorderClassifier} for its input and output.
   * Linear weights get Xavier initialisation unless their block chose one (Mamba's projections
   * do); the position table, CLS token and Mamba's SSM parameters carry their own initializers.
   */
  public static ReorderClassifier build(ModelConfig config) {
    ReorderClassifier classifier =
        ReorderClassifier.builder().setConfig(config).setBackbone(backbone(config)).build();
    classifier.setInitializer(new XavierInitializer(),
        p -> p.getType() == Parameter.Type.WEIGHT && p.getInitializer() == null);
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
          .setDepth(c.depth()).setHeads(c.heads()).optDropout(c.dropout())
          .setOptions(c.transformerXl()).build();
      case MAMBA -> MambaEncoder.builder().setWidth(c.width()).setDepth(c.depth())
          .setNumPatches(c.numPatches()).setOptions(c.mamba()).build();
    };
  }
}
