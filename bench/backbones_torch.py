#!/usr/bin/python3
"""PyTorch twin of the DJL backbones (org.reorder.model), for the speed comparison only.

Same blocks, same algorithms (pre-LN attention, Longformer additive mask, Transformer-XL relative
attention with CLS first and a learned relative table, Mamba's ARM block: the chunked selective
scan over four directions averaged, a SwiGLU MLP, drop-path), so that the ratio DJL/PyTorch
measures the framework, not the model. Run via bench/backbones.sh.

Prints one JSON line: {"framework", "model", "size", "batch", "threads", "ms_per_step",
"cpu_ms_per_step" (CPU time of the whole process over the measured steps, per step), "peak_rss_mb";
"ms_per_step" is the median wall time of a step, "mean_ms_per_step" the mean.
bench/backbones.sh sets OPENBLAS_NUM_THREADS: Debian's torch runs matrix products on OpenBLAS's
own threads, which torch.set_num_threads does not limit.
"""
import argparse
import json
import math
import os
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

MASKED = -1e9
MAX_CHUNK, LOG_BUDGET = 32, 60.0

SIZES = {  # name -> (batch, patches, width, depth, heads, patchDim, classes)
    "tiny": (64, 64, 64, 2, 2, 48, 10),
    "small": (32, 196, 192, 4, 3, 768, 10),
}


class MHA(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.h, self.qkv, self.out = h, nn.Linear(d, 3 * d), nn.Linear(d, d)

    def forward(self, x, bias=None):
        b, l, d = x.shape
        q, k, v = self.qkv(x).reshape(b, l, 3, self.h, d // self.h).permute(2, 0, 3, 1, 4)
        s = q @ k.transpose(-1, -2) / math.sqrt(d // self.h)
        if bias is not None:
            s = s + bias
        return self.out((s.softmax(-1) @ v).transpose(1, 2).reshape(b, l, d))


def mlp(d):
    return nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))


class Block(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.n1, self.att, self.n2, self.mlp = nn.LayerNorm(d), MHA(d, h), nn.LayerNorm(d), mlp(d)

    def forward(self, x, bias=None):
        x = x + self.att(self.n1(x), bias)
        return x + self.mlp(self.n2(x))


class TransformerEncoder(nn.Module):
    """ViT (window=0) or Longformer (window>0): CLS first, CLS readout."""

    def __init__(self, d, depth, h, window=0):
        super().__init__()
        self.blocks, self.half = nn.ModuleList(Block(d, h) for _ in range(depth)), window // 2

    def forward(self, tokens, cls):
        x = torch.cat([cls.expand(tokens.shape[0], 1, -1), tokens], 1)
        bias = None
        if self.half:
            l = x.shape[1]
            i = torch.arange(l)
            ok = ((i[:, None] - i[None, :]).abs() <= self.half) | (i[:, None] == 0) | (i[None, :] == 0)
            bias = torch.zeros(l, l).masked_fill(~ok, MASKED)
        for blk in self.blocks:
            x = blk(x, bias)
        return x[:, 0]


class RelLayer(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.h, self.d = h, d
        self.n1, self.q, self.kv = nn.LayerNorm(d), nn.Linear(d, d), nn.Linear(d, 2 * d)
        self.r, self.o = nn.Linear(d, d, bias=False), nn.Linear(d, d)
        self.rw, self.rr = nn.Parameter(torch.randn(h, d // h) * .02), nn.Parameter(torch.randn(h, d // h) * .02)
        self.n2, self.mlp = nn.LayerNorm(d), mlp(d)

    def forward(self, x, ctx, bias, dist, table):
        b, s, d = x.shape
        k, h, dh = ctx.shape[1], self.h, d // self.h
        q = self.q(self.n1(x)).reshape(b, s, h, dh).transpose(1, 2)
        key, val = self.kv(self.n1(ctx)).reshape(b, k, 2, h, dh).permute(2, 0, 3, 1, 4)
        r = self.r(table).reshape(k, h, dh).permute(1, 2, 0)
        ac = (q + self.rw[None, :, None]) @ key.transpose(-1, -2)
        bd = ((q + self.rr[None, :, None]) @ r).gather(3, dist.expand(b, h, s, k))
        a = ((ac + bd) / math.sqrt(dh) + bias).softmax(-1)
        x = x + self.o((a @ val).transpose(1, 2).reshape(b, s, d))
        return x + self.mlp(self.n2(x))


class TransformerXL(nn.Module):
    """CLS first in one segment (the DJL default): patches causal, CLS sees and is seen by all."""

    def __init__(self, d, depth, h, n_patches):
        super().__init__()
        self.layers = nn.ModuleList(RelLayer(d, h) for _ in range(depth))
        self.table = nn.Parameter(torch.randn(n_patches + 1, d) * .02)  # learned, shared

    def forward(self, tokens, cls):
        x = torch.cat([cls.expand(tokens.shape[0], 1, -1), tokens], 1)
        n = x.shape[1]
        i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
        bias = torch.zeros(n, n).masked_fill((j > i) & (i > 0), MASKED)
        h = x
        for layer in self.layers:
            h = layer(h, h, bias, (i - j).abs(), self.table[:n])
        return h[:, 0]


PREFIX_SUM = "matmul"  # --prefix-sum


def selective_scan(x, dt, a, bm, cm):
    bound = dt.max().item() * a.abs().max().item()
    t = MAX_CHUNK if bound <= 0 else int(max(1, min(MAX_CHUNK, math.floor(LOG_BUDGET / bound))))
    h = x.new_zeros(x.shape[0], x.shape[2], a.shape[1])
    ones = torch.tril(x.new_ones(t, t))  # prefix sums as a matrix product, as the DJL scan
    ys = []
    for xc, dtc, bc, cc in zip(x.split(t, 1), dt.split(t, 1), bm.split(t, 1), cm.split(t, 1)):
        growth = ((-dtc.cumsum(1))[..., None] * a).exp()  # exp(-S_t), S_t = cumsum(dt) A
        drive = (dtc * xc)[..., None] * bc[:, :, None]
        weighted = drive * growth
        if PREFIX_SUM == "cumsum":  # the scan's earlier form, kept to compare
            summed = weighted.cumsum(1)
        else:
            k = weighted.shape[1]
            summed = (ones[:k, :k] @ weighted.reshape(weighted.shape[0], k, -1)).reshape(weighted.shape)
        states = (summed + h[:, None]) / growth
        ys.append((states @ cc[..., None]).squeeze(3))
        h = states[:, -1]
    return torch.cat(ys, 1)


class Branch(nn.Module):
    def __init__(self, e, n, kernel, rank):
        super().__init__()
        self.k, self.rank, self.n = kernel, rank, n
        self.conv_w, self.conv_b = nn.Parameter(torch.randn(kernel, e) * .3), nn.Parameter(torch.zeros(e))
        self.x_proj, self.dt_proj = nn.Linear(e, rank + 2 * n, bias=False), nn.Linear(rank, e, bias=False)
        dt = torch.exp(torch.rand(e) * (math.log(.1) - math.log(1e-3)) + math.log(1e-3))
        self.dt_bias = nn.Parameter(dt + torch.log(-torch.expm1(-dt)))
        self.a_log = nn.Parameter(torch.log(torch.arange(1, n + 1, dtype=torch.float32)).repeat(e, 1))
        self.d = nn.Parameter(torch.ones(e))

    def forward(self, x):
        b, l, e = x.shape
        p = torch.cat([x.new_zeros(b, self.k - 1, e), x], 1)
        u = self.conv_b
        for k in range(self.k):
            u = u + p[:, k:k + l] * self.conv_w[k]
        u = F.silu(u)
        dlow, bm, cm = self.x_proj(u).split([self.rank, self.n, self.n], 2)
        dt = F.softplus(self.dt_proj(dlow) + self.dt_bias)
        return selective_scan(u, dt, -self.a_log.exp(), bm, cm) + u * self.d


class Mixer(nn.Module):
    def __init__(self, d, scans, n=16, kernel=4, expand=1):
        super().__init__()
        e = expand * d
        self.scans = scans
        self.inv = [torch.argsort(p) for p in scans]
        self.in_proj, self.out_proj = nn.Linear(d, 2 * e, bias=False), nn.Linear(e, d, bias=False)
        self.branches = nn.ModuleList(Branch(e, n, kernel, (d + 15) // 16) for _ in scans)

    def forward(self, x):
        xs, z = self.in_proj(x).chunk(2, 2)
        total = 0
        for perm, inv, br in zip(self.scans, self.inv, self.branches):
            identity = bool((perm == torch.arange(len(perm))).all())
            y = br(xs if identity else xs[:, perm])
            total = total + (y if identity else y[:, inv])
        return self.out_proj(total / len(self.scans) * F.silu(z))  # directions averaged


def arm4(n):
    rows = cols = int(round(math.sqrt(n)))
    fwd = torch.arange(n)
    tr = torch.tensor([(j % rows) * cols + j // rows for j in range(n)])
    return [fwd, fwd.flip(0), tr, tr.flip(0)]


def drop_path(x, rate, training):
    if not training or rate == 0:
        return x
    keep = (torch.rand(x.shape[0], 1, 1) >= rate).to(x.dtype)
    return x * keep / (1 - rate)


class SwiGLU(nn.Module):
    def __init__(self, d):
        super().__init__()
        hidden = d * 8 // 3
        self.w1, self.w2, self.w3 = nn.Linear(d, hidden), nn.Linear(d, hidden), nn.Linear(hidden, d)

    def forward(self, x):
        return self.w3(F.silu(self.w1(x)) * self.w2(x))


class Mamba(nn.Module):
    """The ARM block (the DJL default): mixer and SwiGLU, own norms, drop-path; readout LAST."""

    def __init__(self, d, depth, n_patches, drop_path_rate=0.1):
        super().__init__()
        scans = arm4(n_patches)
        self.n1 = nn.ModuleList(nn.LayerNorm(d) for _ in range(depth))
        self.mixers = nn.ModuleList(Mixer(d, scans) for _ in range(depth))
        self.n2 = nn.ModuleList(nn.LayerNorm(d) for _ in range(depth))
        self.mlps = nn.ModuleList(SwiGLU(d) for _ in range(depth))
        self.rates = [0.0 if i == 0 or depth == 1 else drop_path_rate * (i - 1) / (depth - 1)
                      for i in range(depth)]
        self.norm = nn.LayerNorm(d)

    def forward(self, tokens, cls):
        x = tokens
        for n1, m, n2, f, r in zip(self.n1, self.mixers, self.n2, self.mlps, self.rates):
            x = x + drop_path(m(n1(x)), r, self.training)
            x = x + drop_path(f(n2(x)), r, self.training)
        return self.norm(x[:, -1])


class Classifier(nn.Module):
    def __init__(self, backbone, patch_dim, n, d, classes, cls=True):
        super().__init__()
        self.embed = nn.Sequential(nn.LayerNorm(patch_dim), nn.Linear(patch_dim, d), nn.LayerNorm(d))
        self.pos = nn.Parameter(torch.randn(n + 1, d) * .02)
        self.cls = nn.Parameter(torch.randn(1, 1, d) * .02) if cls else None
        self.backbone, self.head = backbone, nn.Sequential(nn.LayerNorm(d), nn.Linear(d, classes))

    def forward(self, patches, order):
        x = self.embed(patches) + self.pos[1:]
        x = x[:, order[0]] if order.shape[0] == 1 else x.gather(1, order[..., None].expand_as(x))
        cls = self.cls + self.pos[:1][None] if self.cls is not None else None
        return self.head(self.backbone(x, cls))


def build(model, n, d, depth, h, patch_dim, classes):
    backbone = {
        "vit": lambda: TransformerEncoder(d, depth, h),
        "longformer": lambda: TransformerEncoder(d, depth, h, window=14),
        "transformer-xl": lambda: TransformerXL(d, depth, h, n),
        "mamba": lambda: Mamba(d, depth, n),
    }[model]()
    return Classifier(backbone, patch_dim, n, d, classes, cls=model != "mamba")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", required=True, choices=["vit", "transformer-xl", "longformer", "mamba"])
    ap.add_argument("--size", required=True, choices=list(SIZES))
    ap.add_argument("--batch", type=int, default=0, help="override the size's batch")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--prefix-sum", choices=["matmul", "cumsum"], default="matmul",
                    help="Mamba's large prefix sum: the DJL scan's triangular matrix product, or cumsum")
    args = ap.parse_args()
    global PREFIX_SUM
    PREFIX_SUM = args.prefix_sum
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(42)
    batch, n, d, depth, h, patch_dim, classes = SIZES[args.size]
    batch = args.batch or batch
    net = build(args.model, n, d, depth, h, patch_dim, classes)
    # Mamba: dt_bias = softplus^-1(0.01) everywhere, as BackboneBenchmark does. The scan's chunk
    # length follows the batch's largest dt, which at random initialisation differs between the
    # two frameworks' draws; a small common dt gives both the longest chunks (the same work).
    with torch.no_grad():
        for name, p in net.named_parameters():
            if name.endswith("dt_bias"):
                p.fill_(0.01 + math.log(-math.expm1(-0.01)))
    opt = torch.optim.Adam(net.parameters(), lr=1e-4)
    patches = torch.randn(batch, n, patch_dim)
    labels = torch.randint(0, classes, (batch,))
    order = torch.randperm(n)[None]
    times = []
    profile = os.environ.get("BENCH_PROFILE")  # a chrome trace of the measured steps
    profiler = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU])
    for step in range(args.warmup + args.steps):
        if step == args.warmup:
            if profile:
                profiler.__enter__()
            cpu_start = time.process_time()
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(net(patches, order), labels)
        loss.backward()
        opt.step()
        if step >= args.warmup:
            times.append(time.perf_counter() - t0)
    cpu_per_step = (time.process_time() - cpu_start) / args.steps
    if profile:
        profiler.__exit__(None, None, None)
        profiler.export_chrome_trace(profile)
    times.sort()
    print(json.dumps({
        "framework": "pytorch" if args.prefix_sum == "matmul" else "pytorch-cumsum",
        "model": args.model, "size": args.size, "batch": batch,
        "threads": args.threads, "ms_per_step": round(1000 * statistics.median(times), 2),
        "mean_ms_per_step": round(1000 * sum(times) / len(times), 2),
        "cpu_ms_per_step": round(1000 * cpu_per_step, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


if __name__ == "__main__":
    main()
