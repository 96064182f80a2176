#!/usr/bin/env bash
# Benchmark of `reorder prior` (pixels, 6 orders) at local[1] and local[2] on synthetic images
# prepared with the reference transform, against a Python stdlib-lzma script compressing the same
# patch tensors in the same orders in the same run.
# Usage: bench/prior.sh [IMAGES=400] [SIZE=256]
# Needs: python3. Prints a table with ratios.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGES=${1:-400}
SIZE=${2:-256}
cd "$ROOT"
CP_FILE="$ROOT/data-prep/target/bench-classpath.txt"
# One reactor build: data-prep comes last, so its classpath (model-core's classes included) is the
# one left in the file; nothing is installed to ~/.m2.
mvn -B -q -pl data-prep -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
WORK=$(mktemp -d /tmp/reorder-bench.XXXXXX)
OPENS=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)
# shellcheck disable=SC2086
java -Xmx3g $OPENS -cp "data-prep/target/test-classes:data-prep/target/classes:model-core/target/classes:$(cat "$CP_FILE")" \
  org.reorder.prep.PriorBenchmark "$WORK" "$IMAGES" "$SIZE"

PY=$(python3 "$ROOT/bench/lzma_orders.py" "$WORK")

python3 - "$WORK/java.json" "$PY" <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1])); py = json.loads(sys.argv[2])
n = j["images"]; orders = 6
print(f"images: {n} JPEGs of {j['imageSize']}x{j['imageSize']}, transform 256/224/16 -> 196 patches of 768")
print(f"{'what':38s} {'rate':>12s} {'vs baseline':>12s}")
print(f"{'python lzma, image-orders':38s} {py['imageOrdersPerSecond']:10.1f}/s {'1.00':>12s}")
for m in ("local[1]", "local[2]"):
    r = n * orders / j["priorSeconds_" + m]
    print(f"{'prior pixels image-orders ' + m:38s} {r:10.1f}/s {r / py['imageOrdersPerSecond']:12.2f}")
print("python mean reduction % per order:", {k: round(v, 3) for k, v in py["meanReduction"].items()})
PYEOF
echo "work dir: $WORK (java.json, prior-*/prior.json)"
