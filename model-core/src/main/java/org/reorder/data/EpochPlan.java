package org.reorder.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.reorder.train.Seeds;

/**
 * Which images each replica of a run trains on in an epoch, and in what order: a pure function of
 * the split's row-group sizes, the run's seed and the epoch, so every process that plans it (the
 * driver, each task, a resumed run) gets the same answer without reading any image.
 *
 * <p>Epoch {@code e}:
 *
 * <ol>
 *   <li>the row groups are shuffled with {@code Seeds.derive(seed, SHUFFLE, e)};
 *   <li>dealt to the R replicas in that order, each group to the replica with the fewest rows so
 *       far (the lowest index on a tie), so the replicas' groups are disjoint, together cover the
 *       split, and their row counts differ by at most one row group;
 *   <li>each replica cuts its groups into windows of W consecutive groups, and shuffles the rows
 *       inside each window (its own seed per epoch, replica and window);
 *   <li>the replica's stream is its windows' rows one after another, and step {@code s} trains on
 *       rows {@code [sB, (s+1)B)} of it.
 * </ol>
 *
 * <p>Every replica takes the same number of steps per epoch, {@code floor(L / B)}, and the count
 * does not change from epoch to epoch: L is a lower bound on the rows any deal gives a replica, the
 * larger of two that hold for this way of dealing (T rows in G groups of at most M rows):
 *
 * <ul>
 *   <li>{@code ceil((T - (R-1) M) / R)}: each group goes to the least-loaded replica, so loads
 *       differ by at most M;
 *   <li>the sum of the {@code floor(G/R)} smallest groups: a replica dealt fewer groups than that
 *       was, when another replica took its last group, no lighter than that replica's other
 *       {@code floor(G/R)} or more groups.
 * </ul>
 *
 * The second is exact when groups are equal, the first when a few are much larger. The rows past
 * {@code floor(L / B) B} in a replica's stream are left out of that epoch (the shuffle puts other
 * rows there in the next): less than a row group and a batch per replica, like the last partial
 * batch of a full shuffle; with R = 1 only that partial batch.
 */
public final class EpochPlan {
  private static final String REPLICA = "replica";
  private static final String WINDOW = "window";

  private final int[] groupRows;
  private final int replicas;
  private final int batchSize;
  private final int window;
  private final long seed;
  private final int stepsPerEpoch;

  /**
   * One window of a replica's stream.
   *
   * @param groups the row groups it reads, in order
   * @param firstRow its offset in the replica's stream
   * @param rows its number of rows
   * @param seed the seed of its row shuffle
   */
  public record Window(int[] groups, long firstRow, int rows, long seed) {

    /** The order its rows are trained in: position {@code k} holds loaded row {@code order[k]}. */
    public int[] rowOrder() {
      int[] order = new int[rows];
      for (int i = 0; i < rows; i++) {
        order[i] = i;
      }
      shuffle(order, new Random(seed));
      return order;
    }
  }

  /**
   * @param groupRows rows of each row group of the split, in stored order
   * @param replicas R, the replicas the epoch is dealt to
   * @param batchSize B, rows per step and replica
   * @param window W, row groups per shuffle window
   * @param seed the run's seed
   * @throws IllegalArgumentException if the split has fewer groups than replicas, or a replica's
   *     share cannot fill one batch
   */
  public EpochPlan(int[] groupRows, int replicas, int batchSize, int window, long seed) {
    if (replicas < 1 || batchSize < 1 || window < 1) {
      throw new IllegalArgumentException("replicas, batch size and window must be >= 1, got "
          + replicas + ", " + batchSize + ", " + window);
    }
    this.groupRows = groupRows.clone();
    this.replicas = replicas;
    this.batchSize = batchSize;
    this.window = window;
    this.seed = seed;
    long fewest = fewestRowsPerReplica(groupRows, replicas);
    this.stepsPerEpoch = (int) Math.min(Integer.MAX_VALUE, fewest / batchSize);
    if (stepsPerEpoch < 1) {
      throw new IllegalArgumentException("a batch of " + batchSize + " images is more than the "
          + Math.max(0, fewest) + " images each replica is sure to be dealt (" + groupRows.length
          + " row groups, "
          + Arrays.stream(groupRows).asLongStream().sum() + " images, " + replicas
          + " replicas)");
    }
  }

  /** Steps per epoch, the same for every replica and every epoch. */
  public int stepsPerEpoch() {
    return stepsPerEpoch;
  }

  /** Rows per step and replica. */
  public int batchSize() {
    return batchSize;
  }

  /** Number of replicas. */
  public int replicas() {
    return replicas;
  }

  /** The windows replica {@code replica} streams in epoch {@code epoch}, in order. */
  public List<Window> windows(int epoch, int replica) {
    if (replica < 0 || replica >= replicas) {
      throw new IllegalArgumentException("replica " + replica + " of " + replicas);
    }
    long epochSeed = Seeds.derive(seed, Seeds.SHUFFLE, epoch);
    int[] dealt = deal(epochSeed, replica);
    long replicaSeed = Seeds.derive(epochSeed, REPLICA, replica);
    List<Window> windows = new ArrayList<>();
    long firstRow = 0;
    for (int start = 0; start < dealt.length; start += window) {
      int[] groups = Arrays.copyOfRange(dealt, start, Math.min(dealt.length, start + window));
      int rows = 0;
      for (int g : groups) {
        rows = Math.addExact(rows, groupRows[g]);
      }
      windows.add(new Window(groups, firstRow, rows,
          Seeds.derive(replicaSeed, WINDOW, windows.size())));
      firstRow += rows;
    }
    return windows;
  }

  /** The groups dealt to {@code replica}, in the order it reads them. */
  private int[] deal(long epochSeed, int replica) {
    int[] order = new int[groupRows.length];
    for (int g = 0; g < order.length; g++) {
      order[g] = g;
    }
    shuffle(order, new Random(epochSeed));
    long[] load = new long[replicas];
    int[] mine = new int[order.length];
    int n = 0;
    for (int g : order) {
      int least = 0;
      for (int r = 1; r < replicas; r++) {
        if (load[r] < load[least]) {
          least = r;
        }
      }
      load[least] += groupRows[g];
      if (least == replica) {
        mine[n++] = g;
      }
    }
    return Arrays.copyOf(mine, n);
  }

  /**
   * A lower bound on the rows any deal gives a replica (see the class comment); zero or less when
   * the groups are too few for the replicas.
   */
  static long fewestRowsPerReplica(int[] groupRows, int replicas) {
    long total = 0;
    long largest = 0;
    for (int rows : groupRows) {
      total += rows;
      largest = Math.max(largest, rows);
    }
    long balanced = Math.floorDiv(total - (replicas - 1) * largest + replicas - 1, replicas);
    int[] sorted = groupRows.clone();
    Arrays.sort(sorted);
    long smallest = 0;
    for (int i = 0; i < sorted.length / replicas; i++) {
      smallest += sorted[i];
    }
    return Math.max(balanced, smallest);
  }

  /** Fisher-Yates with {@code rng}. */
  private static void shuffle(int[] a, Random rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
