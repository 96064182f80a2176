#!/usr/bin/env bash
# Speed of one training step (forward + backward + Adam) of each backbone, DJL vs a PyTorch twin
# (bench/backbones_torch.py), measured in the same run, alternating the frameworks.
#
# Usage: bench/backbones.sh            all models, sizes tiny and small
#        MODELS="vit mamba" SIZES=tiny ROUNDS=1 THREADS=2 bench/backbones.sh
# Needs: Debian python3-torch + libopenblas0-pthread (apt-get install -y python3-torch
# libopenblas0-pthread); /usr/bin/python3 is used explicitly.
# Writes target/bench/backbones.jsonl (one line per run) and target/bench/backbones.md (table:
# per run the median and the mean wall time of a step and the process CPU time per step; each
# column is the median over the rounds).
# Mamba "small" runs at batch MAMBA_SMALL_BATCH (default 8): at the issue's batch 32 the scan
# states need ~20 GB in DJL and about 30 GB in the PyTorch twin (killed for memory here).
# Per-operator profiles: PROFILE=1 also writes target/bench/<framework>-<model>-<size>.json
# (Chrome traces of the measured steps) and prints their top operators (bench/trace_ops.py).
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-2}
# CPU time is of the whole process (all threads) and is the robust number on a shared machine;
# wall time includes waiting for a core. OPENBLAS_NUM_THREADS: Debian's torch does its matrix
# products on OpenBLAS threads, which torch.set_num_threads does not limit.
MODELS=${MODELS:-"vit longformer transformer-xl mamba"}
SIZES=${SIZES:-"tiny small"}
MAMBA_SMALL_BATCH=${MAMBA_SMALL_BATCH:-8}
PROFILE=${PROFILE:-0}
OUT=target/bench
mkdir -p "$OUT"
# The launcher's malloc settings (deploy/conf/malloc.sh), for both frameworks' processes alike;
# GLIBC_TUNABLES= (empty) measures glibc's defaults.
source deploy/conf/malloc.sh
echo "GLIBC_TUNABLES=$GLIBC_TUNABLES" | tee "$OUT/backbones.env"
: > "$OUT/backbones.jsonl"

mvn -B -q -pl model-core test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
CP="model-core/target/classes:model-core/target/test-classes:$(cat model-core/target/bench.cp)"

echo "load before: $(cat /proc/loadavg)" | tee "$OUT/backbones.load"
for size in $SIZES; do
  for model in $MODELS; do
    # Enough warm-up steps for the JIT to finish compiling DJL's Java side (its compiler threads
    # otherwise count in the process's CPU time).
    if [ "$size" = tiny ]; then steps=60; warmup=20; else steps=8; warmup=3; fi
    # Mamba steps take seconds (all scan states are materialised): fewer of them.
    if [ "$model" = mamba ]; then
      if [ "$size" = tiny ]; then steps=8; warmup=2; else steps=3; warmup=2; fi
    fi
    batch_args=()
    if [ "$model" = mamba ] && [ "$size" = small ]; then batch_args=(--batch "$MAMBA_SMALL_BATCH"); fi
    djl_profile=() pt_profile=()
    if [ "$PROFILE" = 1 ]; then
      djl_profile=(-Dbench.profile="$OUT/djl-$model-$size.json")
      pt_profile=(BENCH_PROFILE="$OUT/pytorch-$model-$size.json")
    fi
    for round in $(seq "$ROUNDS"); do
      java -Xmx4g "${djl_profile[@]}" -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" \
        -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" org.reorder.model.BackboneBenchmark \
        --model "$model" --size "$size" --warmup "$warmup" --steps "$steps" "${batch_args[@]}" \
        2>/dev/null | grep '^{' | tee -a "$OUT/backbones.jsonl"
      env "${pt_profile[@]}" OPENBLAS_NUM_THREADS="$THREADS" OMP_NUM_THREADS="$THREADS" \
        /usr/bin/python3 bench/backbones_torch.py --threads "$THREADS" --model "$model" \
        --size "$size" --warmup "$warmup" --steps "$steps" "${batch_args[@]}" \
        | tee -a "$OUT/backbones.jsonl"
      if [ "$model" = mamba ]; then # the twin with its scan's earlier prefix sum, cumsum
        OPENBLAS_NUM_THREADS="$THREADS" OMP_NUM_THREADS="$THREADS" /usr/bin/python3 \
          bench/backbones_torch.py --threads "$THREADS" --model "$model" --size "$size" \
          --warmup "$warmup" --steps "$steps" "${batch_args[@]}" --prefix-sum cumsum \
          | tee -a "$OUT/backbones.jsonl"
      fi
    done
    if [ "$PROFILE" = 1 ]; then # the last round's measured steps
      for fw in djl pytorch; do
        echo "== $fw $model $size"
        /usr/bin/python3 bench/trace_ops.py "$OUT/$fw-$model-$size.json" --steps "$steps" --top 12
      done
    fi
  done
done
echo "load after: $(cat /proc/loadavg)" | tee -a "$OUT/backbones.load"

/usr/bin/python3 - "$OUT/backbones.jsonl" > "$OUT/backbones.md" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
keys = []
for r in runs:
    k = (r["size"], r["model"], r["batch"])
    if k not in keys:
        keys.append(k)
print("| size | model | batch | DJL wall ms/step (median) | PyTorch wall ms/step (median) | ratio | DJL wall ms/step (mean) | PyTorch wall ms/step (mean) | ratio | DJL CPU ms/step | PyTorch CPU ms/step | ratio | DJL peak RSS MB | PyTorch peak RSS MB |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for size, model, batch in keys:
    sel = lambda fw, f: [r[f] for r in runs if (r["size"], r["model"], r["batch"], r["framework"]) == (size, model, batch, fw)]
    cells = []
    for field in ("ms_per_step", "mean_ms_per_step", "cpu_ms_per_step"):
        djl, pt = statistics.median(sel("djl", field)), statistics.median(sel("pytorch", field))
        cells.append(f"{djl:.0f} | {pt:.0f} | {djl / pt:.2f}")
    print(f"| {size} | {model} | {batch} | {' | '.join(cells)} | "
          f"{max(sel('djl', 'peak_rss_mb')):.0f} | {max(sel('pytorch', 'peak_rss_mb')):.0f} |")
cumsum = [k for k in keys if any(r["framework"] == "pytorch-cumsum" and (r["size"], r["model"], r["batch"]) == k for r in runs)]
if cumsum:
    print()
    print("Mamba against the twin with `cumsum` for the large prefix sum (the scan's earlier form):")
    print()
    print("| size | model | batch | DJL wall ms/step (median) | PyTorch cumsum wall ms/step (median) | ratio | DJL CPU ms/step | PyTorch cumsum CPU ms/step | ratio | PyTorch cumsum peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size, model, batch in cumsum:
        sel = lambda fw, f: [r[f] for r in runs if (r["size"], r["model"], r["batch"], r["framework"]) == (size, model, batch, fw)]
        cells = []
        for field in ("ms_per_step", "cpu_ms_per_step"):
            djl, pt = statistics.median(sel("djl", field)), statistics.median(sel("pytorch-cumsum", field))
            cells.append(f"{djl:.0f} | {pt:.0f} | {djl / pt:.2f}")
        print(f"| {size} | {model} | {batch} | {' | '.join(cells)} | {max(sel('pytorch-cumsum', 'peak_rss_mb')):.0f} |")
PY
cat "$OUT/backbones.md"
