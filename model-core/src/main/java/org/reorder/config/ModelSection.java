package org.reorder.config;

import java.util.Locale;
import java.util.function.Supplier;
import org.reorder.model.LongformerOptions;
import org.reorder.model.MambaOptions;
import org.reorder.model.ModelConfig;
import org.reorder.model.ModelSize;
import org.reorder.model.ModelType;
import org.reorder.model.TransformerXlOptions;

/**
 * {@code model:} the backbone. Width, depth and heads come from the {@code size} table unless
 * given; the type-specific sub-sections are read for every type and used by theirs.
 *
 * @param type {@code model_type}: vit, transformer-xl, longformer or mamba
 * @param size {@code size}: a row of {@link ModelSize}, or null when width/depth/heads are given
 * @param width model width d
 * @param depth number of blocks
 * @param heads attention heads
 * @param patchSize {@code patch_size}: side p of the square patches, in pixels
 * @param dropout dropout probability
 * @param transformerXl {@code transformer_xl:} CLS placement, relative table, segments, memory
 * @param longformer {@code longformer:} the attention window
 * @param mamba {@code mamba:} state size, scans, readout, MLP and drop-path
 */
public record ModelSection(
    ModelType type,
    String size,
    int width,
    int depth,
    int heads,
    int patchSize,
    double dropout,
    TransformerXlOptions transformerXl,
    LongformerOptions longformer,
    MambaOptions mamba) {

  public ModelSection {
    Checks.present("model.model_type", type);
    Checks.positive("model.width", width);
    Checks.positive("model.depth", depth);
    Checks.positive("model.heads", heads);
    Checks.positive("model.patch_size", patchSize);
    Checks.inHalfOpen("model.dropout", dropout, 0, 1);
    Checks.present("model.transformer_xl", transformerXl);
    Checks.present("model.longformer", longformer);
    Checks.present("model.mamba", mamba);
  }

  /** The backbone's hyper-parameters for images of {@code data}'s size and channels. */
  public ModelConfig toModelConfig(DataSection data) {
    int grid = data.imageSize() / patchSize;
    return named("model", () -> new ModelConfig(type, width, depth, heads,
        data.channels() * patchSize * patchSize, grid * grid, data.numClasses(), dropout,
        transformerXl, longformer, mamba));
  }

  static ModelSection read(ConfigNode n) {
    ModelType type = named(n.key("model_type"), () -> ModelType.fromName(n.string("model_type", null)));
    String sizeName = n.string("size", null);
    ModelSize size = sizeName == null ? null : named(n.key("size"), () -> ModelSize.fromName(sizeName));
    int width = n.integer("width", size == null ? -1 : size.width());
    int depth = n.integer("depth", size == null ? -1 : size.depth());
    int heads = n.integer("heads", size == null ? -1 : size.heads());
    for (String key : new String[] {"width", "depth", "heads"}) {
      if (size == null && !n.has(key)) {
        throw ConfigException.at(n.key(key), "is required when model.size is not given");
      }
    }
    ConfigNode txl = n.section("transformer_xl");
    TransformerXlOptions t = TransformerXlOptions.DEFAULT;
    TransformerXlOptions txlOptions = named(txl.path(), () -> new TransformerXlOptions(
        txl.integer("segment_length", t.segmentLength()),
        txl.integer("memory_length", t.memoryLength()),
        txl.bool("memory", t.memoryEnabled()),
        enumValue(txl.key("cls"), TransformerXlOptions.ClsPosition.class,
            txl.string("cls", lower(t.cls()))),
        enumValue(txl.key("relative"), TransformerXlOptions.RelativePositions.class,
            txl.string("relative", lower(t.relative())))));
    ConfigNode lf = n.section("longformer");
    LongformerOptions lfOptions = named(lf.key("window"),
        () -> new LongformerOptions(lf.integer("window", LongformerOptions.DEFAULT.window())));
    ConfigNode m = n.section("mamba");
    MambaOptions d = MambaOptions.DEFAULT;
    MambaOptions mambaOptions = named(m.path(), () -> new MambaOptions(
        m.integer("state_size", d.stateSize()),
        m.integer("conv_kernel", d.convKernel()),
        m.integer("expand", d.expand()),
        enumValue(m.key("directions"), MambaOptions.Directions.class,
            m.string("directions", lower(d.directions()))),
        m.integer("grid_rows", d.gridRows()),
        m.integer("grid_cols", d.gridCols()),
        enumValue(m.key("readout"), MambaOptions.Readout.class,
            m.string("readout", lower(d.readout()))),
        enumValue(m.key("mlp"), MambaOptions.Mlp.class, m.string("mlp", lower(d.mlp()))),
        enumValue(m.key("combine"), MambaOptions.Combine.class,
            m.string("combine", lower(d.combine()))),
        m.number("drop_path", d.dropPath())));
    return new ModelSection(type, size == null ? null : size.cliName(), width, depth, heads,
        n.integer("patch_size", 16), n.number("dropout", 0.0), txlOptions, lfOptions,
        mambaOptions);
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static <E extends Enum<E>> E enumValue(String key, Class<E> type, String name) {
    for (E e : type.getEnumConstants()) {
      if (lower(e).equals(name.trim().toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    StringBuilder known = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      known.append(known.length() == 0 ? "" : ", ").append(lower(e));
    }
    throw ConfigException.at(key, "must be one of [" + known + "], got '" + name + "'");
  }

  /** Runs {@code build}, re-throwing a plain validation error as one that names {@code key}. */
  static <T> T named(String key, Supplier<T> build) {
    try {
      return build.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw ConfigException.at(key, e.getMessage());
    }
  }
}
