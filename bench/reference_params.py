#!/usr/bin/python3
"""Counts the parameters of the reference's TXL-base and ARM-base with its own model code.

Usage: bench/reference_params.py REFERENCE_CHECKOUT  (a checkout of d3tk/REOrder; needs PyTorch,
e.g. Debian's python3-torch). Imports that building the models does not use (timm, mamba_ssm's
kernels, causal_conv1d, einops, matplotlib) are stubbed. Prints the counts that model-core's
ParameterCountTest compares with, and ARM's drop-path rates (docs/models.md).
Measured 2026-12-04 with PyTorch 1.13: TXL-base 93764584, ARM-base 85036264,
rates 0, 0, 0.0091, ..., 0.0909.
"""
import sys
import types

import torch.nn as nn


def stub(name, **attrs):
    module = types.ModuleType(name)
    module.__dict__.update(attrs)
    sys.modules[name] = module


class DropPath(nn.Module):  # timm's, without parameters; only its rate is read here
    def __init__(self, p=0.0):
        super().__init__()
        self.p = p


def to_2tuple(x):
    return (x, x) if isinstance(x, int) else tuple(x)


stub("matplotlib")
stub("matplotlib.pyplot")
stub("timm", create_model=None)
stub("timm.models")
stub("timm.models.vision_transformer", VisionTransformer=nn.Module, _cfg=dict, _load_weights=None)
stub("timm.models.registry", register_model=lambda f: f)
stub("timm.models.layers", trunc_normal_=nn.init.trunc_normal_, lecun_normal_=nn.init.normal_,
     DropPath=DropPath, to_2tuple=to_2tuple)
stub("timm.models._manipulate", checkpoint_seq=None)
stub("mamba_ssm")
stub("mamba_ssm.utils")
stub("mamba_ssm.utils.generation", GenerationMixin=object)
stub("mamba_ssm.utils.hf", load_config_hf=None, load_state_dict_hf=None)
stub("mamba_ssm.ops")
stub("mamba_ssm.ops.triton")
stub("mamba_ssm.ops.triton.layer_norm", RMSNorm=nn.LayerNorm, layer_norm_fn=None, rms_norm_fn=None)
stub("causal_conv1d", causal_conv1d_fn=None, causal_conv1d_update=None)
# mamba_simple.py builds A with repeat(arange(1, N+1), "n -> d n", d=E).
stub("einops", rearrange=None, repeat=lambda t, pattern, d: t.unsqueeze(0).expand(d, -1))
sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else ".")

from src.models.mem_transformer import TXL_ViT_B  # noqa: E402
from src.models.vision_mamba import ARMBase  # noqa: E402


def count(model):
    return sum(p.numel() for p in model.parameters())


# The settings of configs/final-exp-configs/{txl,mamba2}/in1k/*.yaml.
txl = TXL_ViT_B(img_size=224, patch_size=16, in_chans=3, num_classes=1000, dropout=0.1,
                mem_len=128, clamp_len=-1, attn_type=0, patch_dir="row-major",
                pe_order="row-major", pe_mode="learned")
print("TXL-base", count(txl))
arm = ARMBase(img_size=224, patch_size=16, num_classes=1000, patch_dir="row-major",
              pe_order="row-major", pe_mode="learned")
print("ARM-base", count(arm))
print("ARM drop-path rates", [round(getattr(b.drop_path, "p", 0.0), 4) for b in arm.layers])
