#!/usr/bin/env bash
# What writing and reading a replica's training state (parameters + AdamW moments) costs a task's
# thread, per GB, against streaming the same bytes through CRC-32C (BENCHMARKS.md "Distributed
# rounds"; class org.reorder.train.StateIoBenchmark).
#   bench/state-io.sh [SIZE=base] [ROUNDS=5]      SIZE: a ViT size (micro, tiny, small, base)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
CP_FILE="$ROOT/model-core/target/bench-classpath.txt"
mvn -B -q -Dstyle.color=never -pl model-core test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
source deploy/conf/malloc.sh
exec java -Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
  -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "model-core/target/test-classes:model-core/target/classes:$(cat "$CP_FILE")" \
  org.reorder.train.StateIoBenchmark "$@"
