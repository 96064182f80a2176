package org.reorder.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.reorder.model.ModelConfig;
import org.reorder.order.Orders;

/**
 * One experiment, parsed once from a YAML file (plus {@code --set key=value} overrides) into
 * validated sections. Checks that span sections live here: the image must split into whole
 * patches, and the REOrder phases must fit into the training epochs.
 *
 * @param name {@code name}: the experiment's name (default: the file name without extension)
 * @param model {@code model:}
 * @param data {@code data:}
 * @param training {@code training:}
 * @param reinforce {@code reinforce:}
 * @param runtime {@code runtime:}
 * @param resolvedYaml every key with its effective value (given or default), as YAML
 */
public record ExperimentConfig(
    String name,
    ModelSection model,
    DataSection data,
    TrainingSection training,
    ReinforceSection reinforce,
    RuntimeSection runtime,
    String resolvedYaml) {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  public ExperimentConfig {
    Checks.present("name", name);
    if (data.imageSize() % model.patchSize() != 0) {
      throw ConfigException.at("model.patch_size", "must divide data.image_size ("
          + data.imageSize() + "), got " + model.patchSize());
    }
    if (reinforce.enabled() && reinforce.stopAfter() > training.epochs()) {
      throw ConfigException.at("reinforce.stop_after",
          "must be <= training.epochs (" + training.epochs() + "), got " + reinforce.stopAfter());
    }
    model.toModelConfig(data); // validates the backbone's own constraints now
    int side = data.imageSize() / model.patchSize();
    if (!training.order().strip().startsWith(Orders.CUSTOM_PREFIX)) {
      // Named orders are checked now; a custom order's file is read where the run trains.
      try {
        Orders.resolve(training.order(), side, side, training.seed());
      } catch (IllegalArgumentException e) {
        throw ConfigException.at("training.order", e.getMessage());
      }
    }
    int patches = side * side;
    if (data.synthetic().labelPatches() > patches) {
      throw ConfigException.at("data.synthetic.label_patches", "must be <= the number of patches ("
          + patches + "), got " + data.synthetic().labelPatches());
    }
  }

  /** The backbone's hyper-parameters. */
  public ModelConfig modelConfig() {
    return model.toModelConfig(data);
  }

  /** Patches per image side. */
  public int gridSide() {
    return data.imageSize() / model.patchSize();
  }

  /**
   * Reads {@code file} and applies {@code overrides} ({@code "training.lr=3e-4"}).
   *
   * @throws ConfigException naming the file (unreadable, not YAML) or the offending key
   */
  public static ExperimentConfig load(Path file, List<String> overrides) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    return parse(text, file.toString(), stem, overrides);
  }

  /**
   * Parses YAML {@code text}; {@code source} names it in errors, {@code defaultName} is the
   * experiment name when the text has none.
   */
  public static ExperimentConfig parse(
      String text, String source, String defaultName, List<String> overrides) {
    JsonNode tree;
    try {
      tree = YamlKeys.readTree(YAML, text, source);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + " is not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      tree = JsonNodeFactory.instance.objectNode();
    }
    if (!tree.isObject()) {
      throw new ConfigException(source + ": the top level must be a mapping of sections");
    }
    ObjectNode root = (ObjectNode) tree;
    for (String override : overrides) {
      applyOverride(root, override);
    }
    ConfigNode n = new ConfigNode("", root);
    record Sections(String name, ModelSection model, DataSection data, TrainingSection training,
        ReinforceSection reinforce, RuntimeSection runtime) {}
    Sections s = n.read(() -> new Sections(
        n.string("name", defaultName),
        ModelSection.read(n.section("model")),
        DataSection.read(n.section("data")),
        TrainingSection.read(n.section("training")),
        ReinforceSection.read(n.section("reinforce")),
        RuntimeSection.read(n.section("runtime"))));
    String resolved;
    try {
      resolved = YAML.writeValueAsString(n.resolved());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the resolved config as YAML", e);
    }
    return new ExperimentConfig(
        s.name(), s.model(), s.data(), s.training(), s.reinforce(), s.runtime(), resolved);
  }

  /** Sets {@code a.b.c=value} in the tree; the value is read as a YAML scalar or flow list. */
  private static void applyOverride(ObjectNode root, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException("--set " + override + ": expected key.path=value");
    }
    String path = override.substring(0, eq).trim();
    String raw = override.substring(eq + 1);
    JsonNode value;
    try {
      value = raw.isBlank() ? JsonNodeFactory.instance.nullNode() : YAML.readTree(raw);
    } catch (JsonProcessingException e) {
      throw new ConfigException("--set " + path + ": cannot read value '" + raw + "'", e);
    }
    String[] keys = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode child = node.get(keys[i]);
      if (child == null || child.isNull()) {
        child = node.putObject(keys[i]);
      } else if (!child.isObject()) {
        throw new ConfigException("--set " + path + ": "
            + String.join(".", List.of(keys).subList(0, i + 1)) + " is not a section");
      }
      node = (ObjectNode) child;
    }
    node.set(keys[keys.length - 1], value);
  }
}
