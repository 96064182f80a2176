#!/usr/bin/env bash
# A/B of the DJL training step between another revision and the working tree, interleaved in one
# run: does a change make a backbone faster or slower? One step = forward, backward, Adam, at the
# tiny size, through each tree's own BackboneBenchmark.
# Usage: bench/revision_ab.sh REV [ROUNDS]     e.g. bench/revision_ab.sh HEAD~3 3
#        MODELS="vit mamba" THREADS=2 bench/revision_ab.sh REV
# Prints a Markdown table (medians over the rounds; ratio = working tree / REV) and writes
# target/bench/revision_ab.jsonl. REV is checked out in a worktree under target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
REV=${1:?usage: bench/revision_ab.sh REV [ROUNDS]}
ROUNDS=${2:-3}
THREADS=${THREADS:-2}
MODELS=${MODELS:-"vit longformer transformer-xl mamba"}
OUT=target/bench
mkdir -p "$OUT"
OTHER="$OUT/rev-$(git rev-parse --short "$REV")"
git worktree prune
[ -d "$OTHER" ] || git worktree add --detach "$OTHER" "$REV" >/dev/null
source deploy/conf/malloc.sh
for tree in . "$OTHER"; do
  (cd "$tree" && mvn -B -q -pl model-core test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test)
done
: > "$OUT/revision_ab.jsonl"
for round in $(seq "$ROUNDS"); do
  for model in $MODELS; do
    steps=60 warmup=20
    if [ "$model" = mamba ]; then steps=8 warmup=2; fi
    for tree in "$OTHER" .; do
      cp="$tree/model-core/target/classes:$tree/model-core/target/test-classes"
      run=$(java -Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" \
        -Dai.djl.pytorch.num_interop_threads=1 -cp "$cp:$(cat "$tree/model-core/target/bench.cp")" \
        org.reorder.model.BackboneBenchmark --model "$model" --size tiny --warmup "$warmup" \
        --steps "$steps" 2>/dev/null | grep '^{')
      label=working; [ "$tree" = . ] || label="$REV"
      echo "{\"tree\": \"$label\", \"run\": $run}" >> "$OUT/revision_ab.jsonl"
    done
  done
done
/usr/bin/python3 - "$OUT/revision_ab.jsonl" "$REV" $MODELS <<'PY'
import collections, json, statistics, sys
path, rev, models = sys.argv[1], sys.argv[2], sys.argv[3:]
runs = collections.defaultdict(list)
for line in open(path):
    r = json.loads(line)
    runs[(r["run"]["model"], r["tree"])].append(r["run"])
print(f"| model | {rev} wall ms/step | working wall ms/step | ratio | {rev} CPU ms/step | working CPU ms/step | ratio |")
print("|---|---|---|---|---|---|---|")
for model in models:
    cells = []
    for field in ("ms_per_step", "cpu_ms_per_step"):
        a = statistics.median(r[field] for r in runs[(model, rev)])
        b = statistics.median(r[field] for r in runs[(model, "working")])
        cells.append(f"{a:.1f} | {b:.1f} | {b / a:.2f}")
    print(f"| {model} | {' | '.join(cells)} |")
PY
