package org.reorder.order;

/**
 * Resolves the order options of configs and the CLI: a {@link ScanOrder} name or a custom order.
 */
public final class Orders {
  /** Prefix of a custom order: {@code custom:<list>} or {@code custom:<file>}. */
  public static final String CUSTOM_PREFIX = "custom:";

  private Orders() {}

  /**
   * The order of a {@code rows} x {@code cols} grid named by {@code nameOrCustom}: a {@link
   * ScanOrder} name ({@code seed} is used by {@code random}) or {@code custom:} followed by an
   * inline list or a file path (see {@link CustomOrder#parse}).
   *
   * @throws IllegalArgumentException for an unknown name (listing the known ones) or a bad custom
   *     order
   */
  public static Permutation resolve(String nameOrCustom, int rows, int cols, long seed) {
    if (nameOrCustom != null && nameOrCustom.strip().startsWith(CUSTOM_PREFIX)) {
      return CustomOrder.parse(nameOrCustom.strip().substring(CUSTOM_PREFIX.length()), rows, cols);
    }
    ScanOrder order;
    try {
      order = ScanOrder.fromName(nameOrCustom);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          e.getMessage() + ", or " + CUSTOM_PREFIX + "<list or file>", e);
    }
    return order.permutation(rows, cols, seed);
  }
}
