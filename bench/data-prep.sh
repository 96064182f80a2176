#!/usr/bin/env bash
# Benchmark of `reorder prep` (JPEG -> patch Parquet) and `reorder prior` (pixels, 6 orders) at
# local[1] and local[2], against baselines on the same files in the same run:
#   - djpeg (libjpeg-turbo-progs) decoding the same JPEGs to /dev/null, one process per file;
#   - a Python stdlib-lzma script compressing the same patch tensors in the same orders.
# Usage: bench/data-prep.sh [IMAGES=400] [SIZE=256]
# Needs: djpeg (apt-get install libjpeg-turbo-progs), python3. Prints a table with ratios.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGES=${1:-400}
SIZE=${2:-256}
command -v djpeg >/dev/null || { echo "needs djpeg: apt-get install libjpeg-turbo-progs" >&2; exit 2; }
cd "$ROOT"
mvn -B -q -pl model-core,data-prep -am test-compile >&2
CP_FILE=$(mktemp)
mvn -B -q -pl data-prep dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CP_FILE" >&2
WORK=$(mktemp -d /tmp/reorder-bench.XXXXXX)
OPENS=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)
# shellcheck disable=SC2086
java -Xmx3g $OPENS -cp "data-prep/target/test-classes:data-prep/target/classes:model-core/target/classes:$(cat "$CP_FILE")" \
  org.reorder.prep.DataPrepBenchmark "$WORK" "$IMAGES" "$SIZE"

# djpeg on exactly the training JPEGs the prep job read.
mapfile -t FILES < <(find "$WORK/in/train" -name '*.JPEG' | sort)
start=$(date +%s.%N)
for f in "${FILES[@]}"; do djpeg -outfile /dev/null "$f"; done
end=$(date +%s.%N)
DJPEG=$(python3 -c "print(${#FILES[@]} / ($end - $start))")
PY=$(python3 "$ROOT/bench/lzma_orders.py" "$WORK")

python3 - "$WORK/java.json" "$DJPEG" "$PY" <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1])); djpeg = float(sys.argv[2]); py = json.loads(sys.argv[3])
n = j["images"]; orders = 6
print(f"images: {n} JPEGs of {j['imageSize']}x{j['imageSize']}, transform 256/224/16 -> 196 patches of 768")
print(f"{'what':38s} {'rate':>12s} {'vs baseline':>12s}")
print(f"{'djpeg decode (1 process/file)':38s} {djpeg:10.1f}/s {'1.00':>12s}")
for m in ("local[1]", "local[2]"):
    r = n / j["prepSeconds_" + m]
    print(f"{'prep JPEG->Parquet ' + m:38s} {r:10.1f}/s {r / djpeg:12.2f}")
print(f"{'python lzma, image-orders':38s} {py['imageOrdersPerSecond']:10.1f}/s {'1.00':>12s}")
for m in ("local[1]", "local[2]"):
    r = n * orders / j["priorSeconds_" + m]
    print(f"{'prior pixels image-orders ' + m:38s} {r:10.1f}/s {r / py['imageOrdersPerSecond']:12.2f}")
print("python mean reduction % per order:", {k: round(v, 3) for k, v in py["meanReduction"].items()})
PYEOF
echo "work dir: $WORK (java.json, prior-*/prior.json)"
