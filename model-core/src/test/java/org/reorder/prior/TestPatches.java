package org.reorder.prior;

/**
 * Test-only: cuts a channel-major image {@code [C, H, W]} into the patch tensor {@code [N, C*p*p]}
 * the prior reads (patches in row-major grid order, each channel-major {@code (c, dy, dx)}). The
 * production patchify belongs to data preparation; this copy only builds test inputs.
 */
final class TestPatches {
  private TestPatches() {}

  static byte[] patchify(byte[] image, int channels, int height, int width, int p) {
    if (image.length != channels * height * width || height % p != 0 || width % p != 0) {
      throw new IllegalArgumentException("bad test image geometry");
    }
    int gridW = width / p;
    int patchBytes = channels * p * p;
    byte[] out = new byte[image.length];
    for (int r = 0; r < height / p; r++) {
      for (int c = 0; c < gridW; c++) {
        int base = (r * gridW + c) * patchBytes;
        for (int ch = 0; ch < channels; ch++) {
          for (int dy = 0; dy < p; dy++) {
            int src = (ch * height + r * p + dy) * width + c * p;
            System.arraycopy(image, src, out, base + (ch * p + dy) * p, p);
          }
        }
      }
    }
    return out;
  }
}
