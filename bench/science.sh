#!/usr/bin/env bash
# Does REOrder with the default reinforce settings help? (BENCHMARKS.md "## Science", docs/policy.md)
#   bench/science.sh [OUT_DIR]       default OUT_DIR: science-out
# On two tasks, configs/science-hidden-label.yaml (synthetic, a better order exists) and
# configs/science-fashion-mnist.yaml (real Fashion-MNIST, Debian's dataset-fashion-mnist):
#   fixed runs over the six paper orders (seed 42), seeds 1 and 2 as well for row and for the worst
#   fixed order (seed noise), a ViT control (row), REOrder with the defaults from row and from the
#   worst order (seeds 42, 1, 2), and REOrder with reinforce.preset=paper from row (seed 42).
# Writes OUT_DIR/<task>/<run>/ (run directories), OUT_DIR/science.md (the table, mean ± SE over
# seeds, and each learned order) and replaces the "## Science" section of BENCHMARKS.md with it.
# Environment: JOBS runs at a time (default 2; each trains on one thread), TASKS (default
# "hidden-label fashion-mnist"), FMNIST_DIR (default /usr/share/datasets/fashion-mnist).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$(mkdir -p "${1:-science-out}" && cd "${1:-science-out}" && pwd)
JOBS=${JOBS:-2}
TASKS=${TASKS:-"hidden-label fashion-mnist"}
FMNIST_DIR=${FMNIST_DIR:-/usr/share/datasets/fashion-mnist}
ORDERS="row column hilbert spiral diagonal snake"
REORDER="nice -n 10 $ROOT/deploy/reorder"
cd "$ROOT"

# One run: train NAME into OUT/TASK/NAME with the given --set overrides, unless already done.
train() {
  local task=$1 name=$2; shift 2
  local dir="$OUT/$task/$name"
  [[ -f "$dir/summary.json" ]] && return 0
  rm -rf "$dir"
  local sets=()
  for s in "$@"; do sets+=(--set "$s"); done
  $REORDER train --config "configs/science-$task.yaml" "${sets[@]}" --output "$dir" \
    > "$dir.log" 2>&1 || { echo "science: $task/$name failed, see $dir.log" >&2; return 1; }
  echo "science: $task/$name $(tail -n 1 "$dir.log")" >&2
}
export -f train
export OUT REORDER

# Lines "TASK NAME key=value..." run JOBS at a time (xargs -L would join a line that ends in a
# blank with the next one, hence the sed).
run_all() {
  sed 's/[[:space:]]*$//' | xargs -P "$JOBS" -L 1 bash -c 'train "$@"' _
}

# The order with the lowest final top-1 among the seed-42 fixed runs.
worst_order() {
  python3 - "$OUT/$1" $ORDERS <<'PY'
import json, sys
base, orders = sys.argv[1], sys.argv[2:]
top1 = {o: json.load(open(f"{base}/fixed-{o}-s42/summary.json"))["validation"]["top1"] for o in orders}
print(min(orders, key=lambda o: (top1[o], orders.index(o))))
PY
}

$REORDER --help > /dev/null  # builds once, before runs start in parallel
for task in $TASKS; do
  extra=()
  if [[ $task == fashion-mnist ]]; then
    if [[ ! -f "$OUT/fmnist-patches/dataset.json" ]]; then
      $REORDER prep --dataset fashion-mnist --input "$FMNIST_DIR" --output "$OUT/fmnist-patches" >&2
    fi
    extra=("data.patch_dir=$OUT/fmnist-patches")
  fi
  mkdir -p "$OUT/$task"
  for o in $ORDERS; do
    echo "$task fixed-$o-s42 training.order=$o training.seed=42 ${extra[*]}"
  done | run_all
  worst=$(worst_order "$task")
  echo "science: $task: worst fixed order (seed 42) is $worst" >&2
  {
    for s in 1 2; do
      echo "$task fixed-row-s$s training.order=row training.seed=$s ${extra[*]}"
      if [[ $worst != row ]]; then
        echo "$task fixed-$worst-s$s training.order=$worst training.seed=$s ${extra[*]}"
      fi
    done
    echo "$task vit-row-s42 model.model_type=vit training.order=row training.seed=42 ${extra[*]}"
    for start in row $worst; do
      for s in 42 1 2; do
        echo "$task reorder-$start-s$s training.order=$start training.seed=$s reinforce.enabled=true ${extra[*]}"
      done
    done
    echo "$task paper-row-s42 training.order=row training.seed=42 reinforce.enabled=true reinforce.preset=paper ${extra[*]}"
  } | sort -u | run_all
done

python3 "$ROOT/bench/science_table.py" "$OUT" $TASKS > "$OUT/science.md"
python3 - "$ROOT/BENCHMARKS.md" "$OUT/science.md" "$*" <<'PY'
import datetime, re, sys
bench, table, args = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3]
text = open(bench).read()
head = ("## Science\n\nMeasured by `bench/science.sh" + (" " + args if args else "") + "` on "
        + datetime.date.today().isoformat() + " (2 CPU cores shared with other work). "
        + "Method and reading: docs/policy.md.\n\n")
section = head + table.rstrip() + "\n"
m = re.search(r"^## Science\n.*?(?=^## |\Z)", text, flags=re.S | re.M)
text = text[:m.start()] + section + "\n" + text[m.end():] if m else text.rstrip() + "\n\n" + section
open(bench, "w").write(text)
PY
echo "science: table in $OUT/science.md and BENCHMARKS.md (## Science)" >&2
