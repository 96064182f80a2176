# glibc malloc settings for JVMs that train with DJL/libtorch on the CPU; sourced by deploy/reorder,
# deploy/submit/common.sh and bench/backbones.sh. An existing GLIBC_TUNABLES wins; set it empty
# for glibc's defaults.
#
# Why: DJL frees a training step's arrays together when the step ends. With glibc's defaults
# the freed top of the heap is then returned to the kernel (trim threshold 128 KiB, raised only
# dynamically) and the next step faults the same pages in again: at the tiny benchmark size ~9 %
# of a step was kernel time. Keeping up to 256 MiB of freed heap, and serving blocks below
# 32 MiB (glibc's largest mmap threshold) from the heap, removes that (BENCHMARKS.md, Backbones).
# Setting both matters: fixing either one alone turns off glibc's dynamic mmap threshold, and
# then every block above 128 KiB is mapped and unmapped each step, which is slower still.
REORDER_GLIBC_TUNABLES="glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456"
export GLIBC_TUNABLES="${GLIBC_TUNABLES-$REORDER_GLIBC_TUNABLES}"
