#!/usr/bin/python3
"""Top operators of a PyTorch Chrome trace, by self time per step.

Reads the traces bench/backbones.sh writes with PROFILE=1: DJL's (JniUtils.startProfile /
stopProfile, libtorch's autograd profiler) and the PyTorch twin's (torch.profiler). Both are lists
of complete events ("ph": "X") with a start and a duration in microseconds; an operator's self
time is its duration less that of the operators nested in it on the same thread, so the column
adds up to the traced time without counting nested calls twice.

Usage: trace_ops.py TRACE.json --steps N [--top K]
"""
import argparse
import collections
import json


def events(path):
    with open(path) as f:
        trace = json.load(f)
    if isinstance(trace, dict):  # torch.profiler wraps the list
        trace = trace["traceEvents"]
    return [e for e in trace if e.get("ph") == "X"]


def self_times(evs):
    """name -> (self microseconds, calls)."""
    per_thread = collections.defaultdict(list)
    for e in evs:
        per_thread[e.get("tid")].append(e)
    total = collections.Counter()
    calls = collections.Counter()
    for evs_of_thread in per_thread.values():
        # Parents start no later than their children and last longer: sort so that a parent
        # comes first, then keep a stack of the operators still open.
        evs_of_thread.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        open_ops = []
        for e in evs_of_thread:
            start, length = float(e["ts"]), float(e["dur"])
            while open_ops and float(open_ops[-1]["ts"]) + float(open_ops[-1]["dur"]) <= start:
                open_ops.pop()
            if open_ops:
                total[open_ops[-1]["name"]] -= length
            total[e["name"]] += length
            calls[e["name"]] += 1
            open_ops.append(e)
    return total, calls


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("trace")
    ap.add_argument("--steps", type=int, required=True, help="training steps the trace covers")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    total, calls = self_times(events(args.trace))
    print(f"traced ms/step {sum(total.values()) / 1000 / args.steps:.1f}")
    print(f"{'self ms/step':>12} {'calls/step':>10}  operator")
    for name, us in total.most_common(args.top):
        print(f"{us / 1000 / args.steps:12.2f} {calls[name] / args.steps:10.1f}  {name}")


if __name__ == "__main__":
    main()
