#!/usr/bin/env bash
# A/B of deploy/conf/malloc.sh on the DJL side: glibc's defaults against the launcher's malloc
# settings, interleaved, one training step of each transformer backbone at the tiny size.
# Usage: bench/malloc_ab.sh [ROUNDS]   (prints a Markdown table; needs bench/backbones.sh's build)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
mvn -B -q -pl model-core test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
CP="model-core/target/classes:model-core/target/test-classes:$(cat model-core/target/bench.cp)"
SETTINGS=$(unset GLIBC_TUNABLES; source deploy/conf/malloc.sh; echo "$GLIBC_TUNABLES")
OUT=target/bench/malloc_ab.jsonl
mkdir -p target/bench
: > "$OUT"
for round in $(seq "$ROUNDS"); do
  for model in vit longformer transformer-xl; do
    for tunables in "" "$SETTINGS"; do
      run=$(GLIBC_TUNABLES="$tunables" java -Xmx4g -Dai.djl.offline=true \
        -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" \
        org.reorder.model.BackboneBenchmark --model "$model" --size tiny --warmup 20 --steps 60 \
        2>/dev/null | grep '^{')
      label=defaults
      if [ -n "$tunables" ]; then label=malloc.sh; fi
      echo "{\"malloc\": \"$label\", \"run\": $run}" >> "$OUT"
    done
  done
done
/usr/bin/python3 - "$OUT" <<'PY'
import collections, json, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs[(r["run"]["model"], r["malloc"])].append(r["run"])
print("| model | defaults wall ms/step | malloc.sh wall ms/step | ratio | defaults CPU ms/step | malloc.sh CPU ms/step | ratio |")
print("|---|---|---|---|---|---|---|")
for model in ("vit", "longformer", "transformer-xl"):
    cells = []
    for field in ("ms_per_step", "cpu_ms_per_step"):
        a = statistics.median(r[field] for r in runs[(model, "defaults")])
        b = statistics.median(r[field] for r in runs[(model, "malloc.sh")])
        cells.append(f"{a:.1f} | {b:.1f} | {b / a:.2f}")
    print(f"| {model} | {' | '.join(cells)} |")
PY
