package org.reorder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Mamba mixer (chunked scan, four directions) against a naive step-by-step recurrence in
 * double precision computed with plain loops from the same parameters.
 */
class MambaMixerTest {
  private static final int WIDTH = 8;
  private static final int ROWS = 5;
  private static final int COLS = 8; // 40 patches: longer than one chunk of 32
  private static final int STATE = 4;
  private static final int KERNEL = 3;

  @ParameterizedTest
  @CsvSource({
    "ARM4, false, 0, MEAN, 1", // default dt: two chunks; the reference's mixer
    "ARM4, true, 0, MEAN, 2", // CLS appended: 41 slots
    "ARM4, false, 2.5, SUM, 2", // large dt: short chunks, many carries
    "SINGLE, false, 2.5, MEAN, 1"
  })
  void chunkedMixerEqualsNaiveRecurrence(MambaOptions.Directions directions, boolean cls,
      double dtBias, MambaOptions.Combine combine, int expand) {
    MambaOptions options = new MambaOptions(STATE, KERNEL, expand, directions, ROWS, COLS,
        cls ? MambaOptions.Readout.CLS : MambaOptions.Readout.LAST, MambaOptions.Mlp.NONE,
        combine, 0);
    int patches = ROWS * COLS;
    int length = patches + (cls ? 1 : 0);
    int batch = 2;
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(5);
      MambaMixer mixer = MambaMixer.builder().setWidth(WIDTH).setOptions(options)
          .setScans(ScanDirections.permutations(directions, patches, ROWS, COLS, cls)).build();
      mixer.setInitializer(new NormalInitializer(0.3f),
          Parameter.Type.WEIGHT);
      mixer.initialize(manager, DataType.FLOAT64, new Shape(batch, length, WIDTH));
      if (dtBias != 0) {
        for (ScanBranch branch : mixer.branches()) {
          branch.getDirectParameters().get("dt_bias").getArray().set(new NDIndex(":"), dtBias);
        }
      }
      double[] x = new double[batch * length * WIDTH];
      Random random = new Random(2);
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextGaussian();
      }
      NDArray input = manager.create(x, new Shape(batch, length, WIDTH));
      double[] actual = mixer.forward(new ParameterStore(manager, false), new NDList(input),
          false).singletonOrThrow().toDoubleArray();
      double[] expected = naive(mixer, x, batch, length, directionsOf(directions, cls, length),
          expand * WIDTH, combine == MambaOptions.Combine.MEAN);
      assertArrayEquals(expected, actual, 1e-9);
      if (dtBias != 0) {
        assertTrue(SelectiveScan.chunkLength(maxDt(mixer, x, batch, length) * STATE) < 10,
            "the large-dt case must exercise short chunks");
      }
    }
  }

  @org.junit.jupiter.api.Test
  void projectionsStartWithMambasInitialisation() {
    ModelConfig config = ModelConfig.of(ModelType.MAMBA, ModelSize.MICRO, 12, 16, 10)
        .withShape(32, 4, 1);
    int inner = 32; // expand 1
    int dtRank = (32 + 15) / 16;
    try (NDManager manager = NDManager.newBaseManager()) {
      ReorderClassifier model = Backbones.build(config);
      model.initialize(manager, DataType.FLOAT32, new Shape(2, 16, 12), new Shape(1, 16));
      int seen = 0;
      for (var p : model.getParameters()) {
        String name = p.getKey();
        double max = p.getValue().getArray().abs().max().getFloat();
        double bound;
        if (name.endsWith("x_proj_weight") || name.endsWith("out_proj_weight")) {
          // out_proj: U(±1/sqrt(inner)) / sqrt(depth), the GPT-2 rescaling the reference applies
          bound = 1 / Math.sqrt(inner) / (name.endsWith("out_proj_weight") ? 2 : 1);
        } else if (name.endsWith("dt_proj_weight")) {
          bound = 1 / Math.sqrt(dtRank); // Mamba's dt_init "random"
        } else if (name.endsWith("in_proj_weight")) {
          bound = 1 / Math.sqrt(32); // torch.nn.Linear's default
        } else {
          continue;
        }
        assertTrue(max <= bound && max > 0.8 * bound, name + " max " + max + ", bound " + bound);
        seen++;
      }
      assertTrue(seen == 4 * (4 * 2 + 2), "parameters checked: " + seen);
    }
  }

  /** The scan orders, written from grid coordinates (independent of ScanDirections). */
  private static List<int[]> directionsOf(MambaOptions.Directions d, boolean cls, int length) {
    List<int[]> out = new ArrayList<>();
    int[] forward = new int[length];
    for (int k = 0; k < length; k++) {
      forward[k] = k;
    }
    out.add(forward);
    if (d == MambaOptions.Directions.ARM4) {
      int[] columnWise = new int[length];
      int k = 0;
      for (int c = 0; c < COLS; c++) {
        for (int r = 0; r < ROWS; r++) {
          columnWise[k++] = r * COLS + c;
        }
      }
      if (cls) {
        columnWise[k] = k;
      }
      out.add(reverse(forward));
      out.add(columnWise);
      out.add(reverse(columnWise));
    }
    return out;
  }

  private static int[] reverse(int[] p) {
    int[] r = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      r[i] = p[p.length - 1 - i];
    }
    return r;
  }

  private static double[] naive(MambaMixer mixer, double[] x, int batch, int length,
      List<int[]> scans, int inner, boolean mean) {
    double[] wIn = ParamValues.of(mixer.inputProjection(), "weight");
    double[] wOut = ParamValues.of(mixer.outputProjection(), "weight");
    double[] out = new double[batch * length * WIDTH];
    for (int b = 0; b < batch; b++) {
      double[][] xs = new double[length][];
      double[][] z = new double[length][];
      for (int t = 0; t < length; t++) {
        double[] xz = ParamValues.linear(wIn, null, ParamValues.row(x, b * length + t, WIDTH),
            2 * inner);
        xs[t] = Arrays.copyOfRange(xz, 0, inner);
        z[t] = Arrays.copyOfRange(xz, inner, 2 * inner);
      }
      double[][] sum = new double[length][inner];
      for (int d = 0; d < scans.size(); d++) {
        int[] perm = scans.get(d);
        double[][] seq = new double[length][];
        for (int k = 0; k < length; k++) {
          seq[k] = xs[perm[k]];
        }
        double[][] y = branch(mixer.branches().get(d), seq, inner);
        for (int k = 0; k < length; k++) {
          for (int e = 0; e < inner; e++) {
            sum[perm[k]][e] += y[k][e];
          }
        }
      }
      for (int t = 0; t < length; t++) {
        double[] gated = new double[inner];
        for (int e = 0; e < inner; e++) {
          gated[e] = (mean ? sum[t][e] / scans.size() : sum[t][e]) * silu(z[t][e]);
        }
        double[] o = ParamValues.linear(wOut, null, gated, WIDTH);
        System.arraycopy(o, 0, out, (b * length + t) * WIDTH, WIDTH);
      }
    }
    return out;
  }

  /** conv -> silu -> projections -> one recurrence step per token -> + D u. */
  private static double[][] branch(ScanBranch branch, double[][] seq, int inner) {
    int length = seq.length;
    int rank = 1; // ceil(8 / 16)
    double[] convW = ParamValues.of(branch, "conv_weight"); // [K, E]
    double[] convB = ParamValues.of(branch, "conv_bias");
    double[] wX = ParamValues.of(branch.inputProjection(), "weight");
    double[] wDt = ParamValues.of(branch.dtProjection(), "weight");
    double[] dtB = ParamValues.of(branch, "dt_bias");
    double[] aLog = ParamValues.of(branch, "A_log");
    double[] skip = ParamValues.of(branch, "D");
    double[][] h = new double[inner][STATE];
    double[][] y = new double[length][inner];
    for (int t = 0; t < length; t++) {
      double[] u = new double[inner];
      for (int e = 0; e < inner; e++) {
        double s = convB[e];
        for (int m = 0; m < KERNEL; m++) {
          int src = t - KERNEL + 1 + m;
          if (src >= 0) {
            s += convW[m * inner + e] * seq[src][e];
          }
        }
        u[e] = silu(s);
      }
      double[] proj = ParamValues.linear(wX, null, u, rank + 2 * STATE);
      double[] dtLow = Arrays.copyOfRange(proj, 0, rank);
      double[] dtPre = ParamValues.linear(wDt, dtB, dtLow, inner);
      for (int e = 0; e < inner; e++) {
        double dt = Math.log1p(Math.exp(dtPre[e]));
        double acc = 0;
        for (int n = 0; n < STATE; n++) {
          double a = -Math.exp(aLog[e * STATE + n]);
          h[e][n] = Math.exp(dt * a) * h[e][n] + dt * proj[rank + n] * u[e];
          acc += proj[rank + STATE + n] * h[e][n];
        }
        y[t][e] = acc + skip[e] * u[e];
      }
    }
    return y;
  }

  private static double silu(double v) {
    return v / (1 + Math.exp(-v));
  }

  /** An upper bound of dt in the first branch (to show the test reaches short chunks). */
  private static double maxDt(MambaMixer mixer, double[] x, int batch, int length) {
    double[] dtB = ParamValues.of(mixer.branches().get(0), "dt_bias");
    double max = 0;
    for (double v : dtB) {
      max = Math.max(max, Math.log1p(Math.exp(v)));
    }
    return max;
  }
}
