#!/usr/bin/env bash
# Benchmark of `reorder prep` (JPEG -> patch Parquet, reference transform 256/224/16) on
# photo-like JPEGs (bench/photo_like.py) of ImageNet-like sizes, with a per-stage profile, against
# baselines run interleaved with the job in the same rounds (same machine load):
#   - djpeg (libjpeg-turbo-progs): full-size decode of each file to /dev/null, one process per file;
#   - Pillow (python3-pil) in one process: decode + resize + center crop of each file
#     (bench/pil_transform.py), what torchvision's Resize(256) + CenterCrop(224) do.
# Every rate is per core: local[1], one djpeg at a time, one Python process.
# Usage: bench/data-prep.sh [IMAGES=2000] [ROUNDS=3] [SIZES="500x375 1024x768"]
# Needs: djpeg and /usr/bin/python3 with PIL (apt-get install libjpeg-turbo-progs python3-pil).
# The photo-like inputs are kept in /tmp/reorder-bench-photos for reruns.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGES=${1:-2000}
ROUNDS=${2:-3}
SIZES=${3:-"500x375 1024x768"}
PY=/usr/bin/python3
command -v djpeg >/dev/null || { echo "needs djpeg: apt-get install libjpeg-turbo-progs" >&2; exit 2; }
$PY -c 'import PIL' 2>/dev/null || { echo "needs Pillow: apt-get install python3-pil" >&2; exit 2; }
cd "$ROOT"
source bench/prep-inputs.sh
prep_classpath
WORK=$(mktemp -d /tmp/reorder-bench.XXXXXX)
for SIZE in $SIZES; do
  IN=$(photo_set "$SIZE" "$IMAGES")
  find "$IN/train" -name '*.JPEG' | sort > "$WORK/files-$SIZE.txt"
  mkdir -p "$WORK/$SIZE"
  echo "== $SIZE: $(du -sh "$IN/train" | cut -f1) in $IMAGES files; uptime: $(uptime)" >&2
  # shellcheck disable=SC2086
  java -Xmx4g $PREP_OPENS -cp "$PREP_CP" org.reorder.prep.DataPrepBenchmark "$WORK/$SIZE" "$IN" "$ROUNDS" \
    "djpeg=while read -r f; do djpeg -outfile /dev/null \"\$f\"; done < $WORK/files-$SIZE.txt" \
    "pillow=$PY $ROOT/bench/pil_transform.py $WORK/files-$SIZE.txt 256 224 > /dev/null"
done

$PY - "$WORK" $SIZES <<'PYEOF'
import json, statistics, sys
work, sizes = sys.argv[1], sys.argv[2:]
print("Wall clock: images/s; CPU: images per CPU-second (JVM: all threads, GC and JIT included;")
print("baselines: their processes). Medians over the rounds; ratios of the medians.\n")
print("| size | what | wall images/s per round | wall median | vs djpeg | vs Pillow |"
      " CPU images/s per round | CPU median | vs djpeg | vs Pillow | load avg per round |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
notes = []
for size in sizes:
    j = json.load(open(f"{work}/{size}/java.json"))
    n = j["images"]
    by = {}
    for m in j["measurements"]:
        by.setdefault(m["what"], []).append(m)
    wall = {k: statistics.median(n / m["seconds"] for m in v) for k, v in by.items()}
    cpu = {k: statistics.median(n / m["cpuSeconds"] for m in v) for k, v in by.items()}
    for what, ms in by.items():
        walls = ", ".join(f"{n / m['seconds']:.0f}" for m in ms)
        cpus = ", ".join(f"{n / m['cpuSeconds']:.0f}" for m in ms)
        loads = ", ".join(f"{m['load']:.1f}" for m in ms)
        print(f"| {size} | {what} | {walls} | {wall[what]:.0f} | {wall[what] / wall['djpeg']:.2f} |"
              f" {wall[what] / wall['pillow']:.2f} | {cpus} | {cpu[what]:.0f} |"
              f" {cpu[what] / cpu['djpeg']:.2f} | {cpu[what] / cpu['pillow']:.2f} | {loads} |")
    ratios = [b["seconds"] / a["seconds"] for a, b in zip(by["prep local[2]"], by["prep local[1]"])]
    par = [m["cpuSeconds"] / m["seconds"] for m in by["prep local[2]"]]
    gc = statistics.median(1000 * m["gcSeconds"] / n for m in by["prep local[1]"])
    s1, s2 = j["stagesCpuMsPerImage"], j["stagesTwoThreadsCpuMsPerImage"]
    write_ms = 1000 * j["parquetWriteSeconds"] / n
    notes.append(
        f"{size}: local[2]/local[1] wall per round {', '.join(f'{r:.2f}' for r in ratios)};"
        f" local[2] CPU/wall {', '.join(f'{p:.2f}' for p in par)}; local[1] GC {gc:.2f} ms/image;"
        f" one thread CPU ms/image " + ", ".join(f"{k} {v:.2f}" for k, v in s1.items())
        + f" (sum {sum(s1.values()):.2f}); two threads at once "
        + ", ".join(f"{k} {v:.2f}" for k, v in s2.items())
        + f"; Parquet write alone (local[1], wall) {write_ms:.2f} ms/image")
print()
print("\n".join(notes))
PYEOF
echo "work dir: $WORK"
