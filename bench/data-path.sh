#!/usr/bin/env bash
# The streaming data path (BENCHMARKS.md "Data path", docs/training.md "The data path").
#   bench/data-path.sh [SIZES]     default 2000,10000,30000 training images at 224 px / p16
# For each size: writes a patch dataset (random pixels, files of 512 rows, 64 MB row groups, as
# `reorder prep` lays them out) under a temporary directory, then
#   - the reader alone (DataPathBenchmark): three epochs of one replica's batches (batch 64,
#     window 8): in images/s from a cold JVM, then warm with its longest wait for a batch, then
#     paced at 512 images/s (a ViT-B GPU's rate) with the time a training thread spends in
#     batch() per step and the GC share; and the time to the first batch of a source opened at
#     step 0 and at the epoch's last step;
#   - `reorder train` for one epoch of a tiny ViT (width 16, depth 1) on it, under /usr/bin/time:
#     peak RSS of the whole process and the trainer's images/s (metrics.jsonl), with the heap
#     capped at HEAP (default 2g: the same cap for every size, so that RSS shows what the data
#     path holds rather than how far the JVM lets an uncapped heap grow).
# READER_ONLY=1 skips `reorder train` (its columns print "-"). The datasets are deleted afterwards
# (30,000 images are 4.5 GB).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SIZES=${1:-2000,10000,30000}
HEAP=${HEAP:-2g}
CP_FILE="$ROOT/model-core/target/bench-classpath.txt"
mvn -B -q -Dstyle.color=never -pl model-core test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
./deploy/reorder --version >/dev/null # builds the CLI when needed
TMP=$(mktemp -d /tmp/data-path-XXXXXX)
trap 'rm -rf "$TMP"' EXIT
bench() {
  java -Xmx2g -Dai.djl.offline=true -cp "model-core/target/test-classes:model-core/target/classes:$(cat "$CP_FILE")" \
    org.reorder.data.DataPathBenchmark "$@"
}
echo "Heap cap of reorder train: $HEAP"
echo "| images | row groups | dataset GB | reader images/s, epoch 1 (cold JVM) | epoch 2 (warm) | longest wait for a batch, epoch 2 (s) | epoch 3 paced at 512 images/s: ms per step in batch() | its longest wait (s) | its GC pauses (% of wall) | first batch at step 0 (s) | first batch at last step (s) | train images/s | peak RSS of reorder train (MB) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for n in ${SIZES//,/ }; do
  data="$TMP/data-$n"
  bench write "$data" "$n"
  gb=$(du -sb "$data" | awk '{printf "%.2f", $1 / 1e9}')
  read_line=$(bench read "$data")
  train_ips=- rss_mb=-
  if [ "${READER_ONLY:-0}" != 1 ]; then
    cat > "$TMP/train.yaml" <<EOF
model: {model_type: vit, width: 16, depth: 1, heads: 2, patch_size: 16}
data: {source: parquet, patch_dir: $data, image_size: 224, channels: 3, num_classes: 10,
       shuffle_window: 8, augment: {hflip: 0.5}}
training: {epochs: 1, batch_size: 64, eval_batch_size: 64, warmup_epochs: 0,
           bootstrap_samples: 10, log_every_steps: 1000000}
runtime: {device: cpu, progress: false}
EOF
    rm -rf "$TMP/run"
    REORDER_HEAP=$HEAP /usr/bin/time -f "%M" -o "$TMP/rss" ./deploy/reorder train \
      --config "$TMP/train.yaml" --output "$TMP/run" >"$TMP/train.log" 2>&1 ||
      { cat "$TMP/train.log" >&2; exit 1; }
    rss_mb=$(awk '{printf "%.0f", $1 / 1024}' "$TMP/rss")
    train_ips=$(grep '"kind":"train"' "$TMP/run/metrics.jsonl" | tail -1 \
      | sed 's/.*"images_per_s":\([0-9.]*\).*/\1/' | awk '{printf "%.0f", $1}')
  fi
  # A key's value in the read line (keys are matched whole: "images_per_s" is not "epoch2_ips").
  field() { sed "s/.* $1=\\([0-9.]*\\).*/\\1/" <<<" $read_line"; }
  echo "| $n | $(field groups) | $gb | $(field images_per_s) | $(field epoch2_ips) |" \
    "$(field epoch2_longest_wait_s) | $(field paced_batch_ms) | $(field paced_longest_wait_s) |" \
    "$(field paced_gc_pct) | $(field first_batch_step0_s) |" \
    "$(field first_batch_last_step_s) | $train_ips | $rss_mb |"
  rm -rf "$data"
done
