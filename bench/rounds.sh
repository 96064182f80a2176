#!/usr/bin/env bash
# Distributed-rounds benchmarks (BENCHMARKS.md "## Distributed rounds", docs/distributed.md).
#   bench/rounds.sh [STEPS [SWEEP_K]]  time in round jobs for K = 1, 10, 100 against the same
#                                   steps in one process (default 100 steps), and a two-run sweep
#                                   with K = SWEEP_K (default 10) on local[1] vs local[2], next to
#                                   two single-process trainings at once (RoundsBenchmark)
#   bench/rounds.sh cost [SIZES [RS]]  what a round costs besides its steps: fixed work, restore,
#                                   save, bytes per replica, for ViT sizes (default micro,small,base),
#                                   R in RS (default 1,2 and 1,2,4 for base), local disk and 200 MB/s
#                                   (RoundCostBenchmark; one JVM: ViT-B at R = 4 needs ~16 GB)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
CLASS=org.reorder.sweep.RoundsBenchmark
HEAP=3g
if [[ "${1:-}" == cost ]]; then
  CLASS=org.reorder.sweep.RoundCostBenchmark
  HEAP=8g
  shift
fi
CP_FILE="$ROOT/spark-jobs/target/bench-classpath.txt"
mvn -B -q -Dstyle.color=never -pl spark-jobs -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
# glibc settings of the launcher and the executors (deploy/conf/malloc.sh), as in production.
source deploy/conf/malloc.sh
# The JVM flags Spark needs on Java 17, as the root pom lists them.
OPENS=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)
# shellcheck disable=SC2086
exec java -Xmx$HEAP $OPENS -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
  -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "spark-jobs/target/test-classes:spark-jobs/target/classes:$(cat "$CP_FILE")" \
  "$CLASS" "$@"
