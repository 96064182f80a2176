"""The "## Science" table of bench/science.sh: one row per (task, kind, start order) with the final
and the best epoch's validation top-1 as mean ± standard error over seeds, then each learned order.

Usage: python3 bench/science_table.py OUT_DIR TASK...   (reads OUT_DIR/TASK/<run>/summary.json)
"""
import json
import math
import os
import re
import sys
from collections import defaultdict

KINDS = {"fixed": "fixed", "vit": "ViT control (fixed)", "reorder": "REOrder, defaults",
         "paper": "REOrder, preset paper"}


def mean_se(values):
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, None
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, math.sqrt(var / n)


def cell(values):
    mean, se = mean_se(values)
    return f"{mean:.3f}" if se is None else f"{mean:.3f} ± {se:.3f}"


def main(out, tasks):
    lines = []
    orders = []
    for task in tasks:
        groups = defaultdict(list)
        for name in sorted(os.listdir(os.path.join(out, task))):
            m = re.fullmatch(r"(fixed|vit|reorder|paper)-(.+)-s(\d+)", name)
            path = os.path.join(out, task, name, "summary.json")
            if not m or not os.path.exists(path):
                continue
            s = json.load(open(path))
            groups[(m.group(1), m.group(2))].append((int(m.group(3)), s))
        lines.append(f"**{task}** (final = last epoch's validation top-1, best = best epoch's; "
                     "mean ± SE over seeds; one value where one seed ran)\n")
        lines.append("| run | start order | seeds | final top-1 | best top-1 |")
        lines.append("|---|---|---|---|---|")
        for kind in KINDS:
            for (k, order), runs in sorted(groups.items()):
                if k != kind:
                    continue
                runs.sort()
                final = [s["validation"]["top1"] for _, s in runs]
                best = [s["best_validation"]["top1"] for _, s in runs]
                seeds = ",".join(str(seed) for seed, _ in runs)
                lines.append(f"| {KINDS[kind]} | {order} | {seeds} | {cell(final)} | {cell(best)} |")
                if kind in ("reorder", "paper"):
                    for seed, s in runs:
                        orders.append(f"- {task}, {KINDS[kind]}, from {order}, seed {seed}: "
                                      f"`{' '.join(str(p) for p in s['order'])}`")
        lines.append("")
    lines.append("Learned orders (the policy's mode at the end; slot by slot, the patch index "
                 "r·W + c):\n")
    lines.extend(orders)
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
