#!/usr/bin/env python3
"""Python baseline of the pixels prior: for each image and scan order, reorder the patch rows and
compress them with the standard library's lzma (raw LZMA2, preset 6 - the Java job's settings).

Usage: lzma_orders.py WORK_DIR   (reads orders.txt and patches.bin written by PriorBenchmark, bench/prior.sh)
Prints one JSON line: image-orders/s and the mean reduction %% per order.
"""
import json
import lzma
import sys
import time

work = sys.argv[1]
with open(f"{work}/orders.txt") as f:
    n_patches, patch_dim = map(int, f.readline().split())
    orders = {}
    for line in f:
        name, *perm = line.split()
        orders[name] = [int(p) for p in perm]
data = open(f"{work}/patches.bin", "rb").read()
tensor_bytes = n_patches * patch_dim
images = [data[i:i + tensor_bytes] for i in range(0, len(data), tensor_bytes)]
filters = [{"id": lzma.FILTER_LZMA2, "preset": 6}]
sums = {name: 0.0 for name in orders}
start = time.perf_counter()
for img in images:
    for name, perm in orders.items():
        seq = b"".join(img[p * patch_dim:(p + 1) * patch_dim] for p in perm)
        packed = lzma.compress(seq, format=lzma.FORMAT_RAW, filters=filters)
        sums[name] += 100.0 * (1 - len(packed) / len(seq))
seconds = time.perf_counter() - start
print(json.dumps({
    "images": len(images),
    "seconds": seconds,
    "imageOrdersPerSecond": len(images) * len(orders) / seconds,
    "meanReduction": {k: v / len(images) for k, v in sums.items()},
}))
