package org.reorder.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.reorder.order.GridShape;
import org.reorder.order.Orders;
import org.reorder.order.Permutation;
import org.reorder.order.ScanOrder;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code reorder orders}: lists the scan orders, or prints one order of a grid as JSON, as a
 * space-separated list, or as a picture of the slot number of every cell.
 */
@Command(
    name = "orders",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the scan orders, or prints the order of a HxW patch grid.",
      "Slot k of the sequence holds patch perm[k]; the patch at (row r, column c) is r*W+c."
    })
public final class OrdersCommand implements Callable<Integer> {

  /** How an order is printed. */
  enum Format {
    json,
    text,
    grid
  }

  @Spec CommandSpec spec;

  @Option(names = "--list", description = "List the order names with a one-line description.")
  boolean list;

  @Option(
      names = "--grid",
      paramLabel = "HxW",
      converter = GridConverter.class,
      description = "Grid size, rows x columns, e.g. 14x14.")
  GridShape grid;

  @Option(
      names = "--order",
      paramLabel = "NAME",
      description = "An order name (see --list) or custom:<list or file>.")
  String order;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "SEED",
      description = "Seed of the random order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      printList(out);
      return 0;
    }
    if (grid == null || order == null) {
      throw new ParameterException(
          spec.commandLine(), "Missing option: give --grid HxW and --order NAME, or --list");
    }
    Permutation perm;
    try {
      perm = Orders.resolve(order, grid.rows(), grid.cols(), seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid value for option '--order': " + e.getMessage(),
          e,
          spec.findOption("--order"),
          order);
    }
    out.println(
        switch (format) {
          case json -> json(perm);
          case text ->
              Arrays.stream(perm.toArray())
                  .mapToObj(Integer::toString)
                  .collect(Collectors.joining(" "));
          case grid -> picture(perm);
        });
    out.flush();
    return 0;
  }

  private static void printList(PrintWriter out) {
    int width =
        Arrays.stream(ScanOrder.values()).mapToInt(o -> o.cliName().length()).max().orElse(0);
    for (ScanOrder o : ScanOrder.values()) {
      out.printf("%-" + width + "s  %s%n", o.cliName(), o.description());
    }
    out.printf(
        "%-" + width + "s  %s%n",
        "custom:...",
        "custom:<list> (e.g. custom:0,2,1,3) or custom:<file> (list, JSON array, or"
            + " {\"perm\":[...]})");
    out.flush();
  }

  private String json(Permutation perm) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode node = mapper.createObjectNode();
    boolean custom = order.strip().startsWith(Orders.CUSTOM_PREFIX);
    ScanOrder named = custom ? null : ScanOrder.fromName(order);
    node.put("order", custom ? order.strip() : named.cliName());
    node.put("rows", grid.rows());
    node.put("cols", grid.cols());
    if (named == ScanOrder.RANDOM) {
      node.put("seed", seed);
    }
    var array = node.putArray("perm");
    for (int p : perm.toArray()) {
      array.add(p);
    }
    return node.toString();
  }

  /** The slot of every cell, one grid row per line, columns right-aligned. */
  private String picture(Permutation perm) {
    Permutation slotOfPatch = perm.inverse();
    int width = Integer.toString(grid.cells() - 1).length();
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < grid.rows(); r++) {
      for (int c = 0; c < grid.cols(); c++) {
        String slot = Integer.toString(slotOfPatch.patchAt(grid.index(r, c)));
        sb.append(c == 0 ? "" : " ").append(" ".repeat(width - slot.length())).append(slot);
      }
      if (r < grid.rows() - 1) {
        sb.append(System.lineSeparator());
      }
    }
    return sb.toString();
  }

  /** Parses {@code --grid}; picocli reports a failure as an invalid value of that option. */
  static final class GridConverter implements ITypeConverter<GridShape> {
    @Override
    public GridShape convert(String value) {
      try {
        return GridShape.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
