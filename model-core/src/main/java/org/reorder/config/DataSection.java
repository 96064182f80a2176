package org.reorder.config;

import java.util.List;

/**
 * {@code data:} where the patch tensors come from and what they look like.
 *
 * @param source {@code parquet} (patch Parquet under {@code patchDir}) or {@code synthetic}
 *     (generated in memory, for runs without a prepared dataset)
 * @param patchDir directory of the patch Parquet dataset (required for {@code parquet})
 * @param trainSplit split read for training
 * @param valSplit split read for validation
 * @param imageSize side of the square images in pixels
 * @param channels colour channels per pixel
 * @param numClasses number of labels
 * @param mean per-channel mean in [0, 1] subtracted after scaling pixels to [0, 1]
 * @param std per-channel standard deviation divided by after subtracting the mean
 * @param synthetic settings of the synthetic source
 * @param maxTrainImages patch Parquet: read at most this many training images, the first in
 *     the dataset's (file, row) order; 0 reads all (for quick runs on a large dataset)
 * @param maxValImages the same for the validation split
 * @param shuffleWindow training: row groups whose rows are shuffled together (see {@code
 *     data.EpochPlan}); memory holds about three such windows
 * @param augment training-time augmentation
 */
public record DataSection(
    String source,
    String patchDir,
    String trainSplit,
    String valSplit,
    int imageSize,
    int channels,
    int numClasses,
    double[] mean,
    double[] std,
    SyntheticData synthetic,
    int maxTrainImages,
    int maxValImages,
    int shuffleWindow,
    Augment augment) {

  public static final List<String> SOURCES = List.of("parquet", "synthetic");
  /** The default {@code data.val_split}. */
  public static final String DEFAULT_VAL_SPLIT = "val";
  /** ImageNet statistics, the normalisation of the reference for every dataset. */
  public static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};

  public static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};
  /**
   * Row groups per shuffle window: with `reorder prep`'s 64 MB row groups, 8 groups hold about
   * 3,400 ImageNet images at 224 px (several batches), and three windows in memory about 1.5 GB.
   */
  public static final int DEFAULT_SHUFFLE_WINDOW = 8;

  public DataSection {
    Checks.oneOf("data.source", source, SOURCES);
    if (source.equals("parquet") && (patchDir == null || patchDir.isBlank())) {
      throw ConfigException.at("data.patch_dir", "is required when data.source is parquet");
    }
    Checks.positive("data.image_size", imageSize);
    Checks.positive("data.channels", channels);
    Checks.positive("data.num_classes", numClasses);
    mean = mean.clone();
    std = std.clone();
    if (mean.length != channels) {
      throw ConfigException.at(
          "data.mean", "needs one value per channel (" + channels + "), got " + mean.length);
    }
    if (std.length != channels) {
      throw ConfigException.at(
          "data.std", "needs one value per channel (" + channels + "), got " + std.length);
    }
    for (int c = 0; c < channels; c++) {
      Checks.positive("data.std[" + c + "]", std[c]);
    }
    Checks.nonNegative("data.max_train_images", maxTrainImages);
    Checks.nonNegative("data.max_val_images", maxValImages);
    Checks.positive("data.shuffle_window", shuffleWindow);
  }

  /**
   * {@code data.augment:} what training does to each image.
   *
   * @param hflip probability of a horizontal flip (the reference trains with 0.5)
   */
  public record Augment(double hflip) {
    public Augment {
      if (!(hflip >= 0 && hflip <= 1)) {
        throw ConfigException.at("data.augment.hflip", "must be a probability in [0, 1], got "
            + hflip);
      }
    }

    static Augment read(ConfigNode n) {
      return new Augment(n.number("hflip", 0.0));
    }
  }

  /**
   * {@code data.synthetic:} an in-memory dataset of class templates plus noise.
   *
   * @param trainSize training images
   * @param valSize validation images
   * @param noise standard deviation of the per-pixel noise, in units of the pixel range (255)
   * @param seed generator seed
   * @param labelPatches {@code label_patches}: only the first this many patches (row-major index)
   *     carry the class, the rest are the same for every class; 0 = all patches
   */
  public record SyntheticData(int trainSize, int valSize, double noise, long seed,
      int labelPatches) {
    public SyntheticData {
      Checks.positive("data.synthetic.train_size", trainSize);
      Checks.positive("data.synthetic.val_size", valSize);
      Checks.nonNegative("data.synthetic.noise", noise);
      Checks.nonNegative("data.synthetic.label_patches", labelPatches);
    }

    /** The patches that carry the class in a grid of {@code numPatches}. */
    public int labelPatches(int numPatches) {
      return labelPatches == 0 ? numPatches : labelPatches;
    }

    static SyntheticData read(ConfigNode n) {
      return new SyntheticData(
          n.integer("train_size", 512),
          n.integer("val_size", 128),
          n.number("noise", 0.25),
          n.integer("seed", 7),
          n.integer("label_patches", 0));
    }
  }

  static DataSection read(ConfigNode n) {
    int channels = n.integer("channels", 3);
    double[] mean = channels == 3 ? IMAGENET_MEAN : constant(channels, 0.5);
    double[] std = channels == 3 ? IMAGENET_STD : constant(channels, 0.5);
    return new DataSection(
        n.string("source", "parquet"),
        n.string("patch_dir", null),
        n.string("train_split", "train"),
        n.string("val_split", DEFAULT_VAL_SPLIT),
        n.integer("image_size", 224),
        channels,
        n.integer("num_classes", 1000),
        n.numbers("mean", mean),
        n.numbers("std", std),
        SyntheticData.read(n.section("synthetic")),
        n.integer("max_train_images", 0),
        n.integer("max_val_images", 0),
        n.integer("shuffle_window", DEFAULT_SHUFFLE_WINDOW),
        Augment.read(n.section("augment")));
  }

  private static double[] constant(int n, double v) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, v);
    return out;
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] std() {
    return std.clone();
  }
}
