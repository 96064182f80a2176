package org.reorder.dataset.synthetic;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Draws the synthetic images: four shapes, red, green, blue and yellow, one in each quadrant of a
 * square; the class is which color sits in which quadrant (class {@code c} is the {@code c}-th of
 * the 24 arrangements in lexicographic order). Shape kind, size, position inside its quadrant,
 * color and the background noise vary per image. Telling classes apart needs colors and where they
 * are, so the order a sequence model sees the patches in matters, and tiny models learn it at 32x32
 * with 8x8 patches.
 */
public final class SyntheticImages {
  /** Number of arrangements of four colors over four quadrants. */
  public static final int MAX_CLASSES = 24;

  private static final int[][] COLORS = {
    {220, 40, 40}, {40, 200, 60}, {50, 70, 230}, {230, 210, 40}
  };

  private SyntheticImages() {}

  /** The arrangement of class {@code c}: quadrant q (TL, TR, BL, BR) holds color {@code a[q]}. */
  public static int[] arrangement(int c) {
    int[] items = {0, 1, 2, 3};
    int[] out = new int[4];
    int rest = c;
    int[] fact = {6, 2, 1, 1};
    boolean[] used = new boolean[4];
    for (int q = 0; q < 4; q++) {
      int k = rest / fact[q];
      rest %= fact[q];
      for (int i = 0, seen = 0; i < 4; i++) {
        if (!used[i] && seen++ == k) {
          out[q] = items[i];
          used[i] = true;
          break;
        }
      }
    }
    return out;
  }

  /**
   * An image of class {@code c}: a {@code size x size} arrangement drawn at {@code (x0, y0)} on a
   * {@code canvas x canvas} noisy background.
   */
  public static BufferedImage draw(
      int c, int canvas, int size, int x0, int y0, SplittableRandom rnd) {
    BufferedImage img = new BufferedImage(canvas, canvas, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < canvas; y++) {
      for (int x = 0; x < canvas; x++) {
        int v = 20 + rnd.nextInt(40);
        img.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    Graphics2D g = img.createGraphics();
    int[] colors = arrangement(c);
    int half = size / 2;
    for (int q = 0; q < 4; q++) {
      int qx = x0 + (q % 2) * half;
      int qy = y0 + (q / 2) * half;
      int s = Math.max(2, (int) (half * (0.45 + 0.4 * rnd.nextDouble())));
      int ox = qx + rnd.nextInt(Math.max(1, half - s + 1));
      int oy = qy + rnd.nextInt(Math.max(1, half - s + 1));
      int[] rgb = COLORS[colors[q]];
      g.setColor(new Color(jitter(rgb[0], rnd), jitter(rgb[1], rnd), jitter(rgb[2], rnd)));
      if (rnd.nextBoolean()) {
        g.fillRect(ox, oy, s, s);
      } else {
        g.fillOval(ox, oy, s, s);
      }
    }
    g.dispose();
    return img;
  }

  private static int jitter(int v, SplittableRandom rnd) {
    return Math.max(0, Math.min(255, v + rnd.nextInt(-25, 26)));
  }
}
