#!/usr/bin/env bash
# Distributed-rounds benchmark (BENCHMARKS.md "## Distributed rounds", docs/distributed.md):
# round-machinery overhead for K = 1, 10, 100 against the same steps in one process, and a
# two-run sweep on local[1] vs local[2]. Usage: bench/rounds.sh [STEPS]   (default 100)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
CP_FILE="$ROOT/spark-jobs/target/bench-classpath.txt"
mvn -B -q -Dstyle.color=never -pl spark-jobs -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
# The JVM flags Spark needs on Java 17, as the root pom lists them.
OPENS=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)
# shellcheck disable=SC2086
exec java -Xmx3g $OPENS -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
  -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "spark-jobs/target/test-classes:spark-jobs/target/classes:$(cat "$CP_FILE")" \
  org.reorder.sweep.RoundsBenchmark "$@"
