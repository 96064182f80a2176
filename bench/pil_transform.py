#!/usr/bin/python3
"""Pillow baseline of the prep transform, in one process: for each JPEG, decode (full size, as
`Image.open(...).convert("RGB")` does without `draft`), resize the shorter side to RESIZE with
BILINEAR (torchvision's `Resize(RESIZE)`: the long side truncated), center-crop CROP (offsets
rounded like torchvision's `CenterCrop`) and take the bytes.

Usage: pil_transform.py FILE_LIST RESIZE CROP   (FILE_LIST: one JPEG path per line)
Prints one JSON line: images, wall and process CPU seconds, and the CPU seconds of the decode (open
and convert, which decodes) and of the resize alone. Needs Debian's python3-pil.
"""
import json
import sys
import time

from PIL import Image


def transform(path, resize, crop, stages=None):
    start = time.process_time()
    with Image.open(path) as img:
        img = img.convert("RGB")
        decoded = time.process_time()
        w, h = img.size
        if w <= h:
            size = (resize, resize * h // w)
        else:
            size = (resize * w // h, resize)
        img = img.resize(size, Image.BILINEAR)
        resized = time.process_time()
        if stages is not None:
            stages["decode"] += decoded - start
            stages["resize"] += resized - decoded
        left = int(round((size[0] - crop) / 2.0))
        top = int(round((size[1] - crop) / 2.0))
        return img.crop((left, top, left + crop, top + crop)).tobytes()


def main():
    paths = [line.strip() for line in open(sys.argv[1]) if line.strip()]
    resize, crop = int(sys.argv[2]), int(sys.argv[3])
    stages = {"decode": 0.0, "resize": 0.0}
    wall, cpu = time.perf_counter(), time.process_time()
    for p in paths:
        transform(p, resize, crop, stages)
    print(json.dumps({
        "images": len(paths),
        "wallSeconds": time.perf_counter() - wall,
        "cpuSeconds": time.process_time() - cpu,
        "decodeCpuSeconds": stages["decode"],
        "resizeCpuSeconds": stages["resize"],
    }))


if __name__ == "__main__":
    main()
