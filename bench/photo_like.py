#!/usr/bin/python3
"""Photo-like JPEGs for the data-prep benchmark, in the ImageNet layout.

Flat synthetic images (`reorder generate`) compress to well under 1 bit per pixel and decode far
faster than photographs, because JPEG decoding time grows with the entropy-coded data. These
images mimic a photograph's statistics instead: fractal ("1/f") noise, the power spectrum of
natural images, summed over octaves from a 64-pixel grid down to single pixels, in luma plus
weaker, coarser chroma, with a few soft-edged shapes for sharp edges. Saved like a camera or
Flickr JPEG: quality 90, 4:2:0 chroma subsampling, baseline Huffman coding. At 500x375 they
come out at about 3.1 bits per pixel: between real photos saved the same way (2.1-2.6 for
scikit-image's astronaut, coffee, chelsea and motorcycle) and ImageNet's average (~4.6: ~110 KB
for ~470x390 pixels, mostly saved at higher quality).

Usage: photo_like.py OUT_DIR COUNT WIDTH HEIGHT [CLASSES=4] [SEED=7]
Writes OUT_DIR/train/class_K/img_I.JPEG; deterministic for a seed (Python's Random, not
Pillow's unseeded effect_noise). Needs Debian's python3-pil.
"""
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFilter


def noise(rnd, w, h):
    return Image.frombytes("L", (w, h), rnd.randbytes(w * h))


def fractal(rnd, w, h, ratio, contrast):
    """Octave noise from a 64-pixel grid down to single pixels, each octave's amplitude `ratio`
    times the coarser one's (0.5 would be a 1/f^2 power spectrum per octave band; photographs sit
    near 0.6-0.7), stretched by `contrast` around mid-gray."""
    img = None
    total = 0.0
    amplitude = 1.0
    step = 64
    while step >= 1:
        octave = noise(rnd, max(2, w // step), max(2, h // step))
        if step > 1:
            octave = octave.resize((w, h), Image.BICUBIC)
        total += amplitude
        img = octave if img is None else Image.blend(img, octave, amplitude / total)
        amplitude *= ratio
        step //= 2
    # A blend of independent noises regresses to mid-gray: stretch it back.
    return img.point(lambda v: max(0, min(255, int((v - 128) * contrast + 128))))


def photo(rnd, w, h):
    luma = fractal(rnd, w, h, 0.68, 3.0)
    cb = fractal(rnd, w, h, 0.45, 0.6)
    cr = fractal(rnd, w, h, 0.45, 0.6)
    img = Image.merge("YCbCr", (luma, cb, cr)).convert("RGB")
    shapes = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    for _ in range(rnd.randint(3, 8)):
        x0, y0 = rnd.randrange(w), rnd.randrange(h)
        x1, y1 = x0 + rnd.randint(w // 10, w // 2), y0 + rnd.randint(h // 10, h // 2)
        color = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256), rnd.randint(90, 200))
        if rnd.random() < 0.5:
            draw.ellipse((x0, y0, x1, y1), fill=color)
        else:
            draw.polygon([(x0, y0), (x1, y0 + rnd.randint(0, h // 4)), (x0 + rnd.randint(0, w // 4), y1)],
                         fill=color)
    shapes = shapes.filter(ImageFilter.GaussianBlur(1.2))
    img.paste(shapes, (0, 0), shapes)
    return img


def main():
    out, count, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    classes = int(sys.argv[5]) if len(sys.argv) > 5 else 4
    seed = int(sys.argv[6]) if len(sys.argv) > 6 else 7
    total = 0
    for i in range(count):
        rnd = random.Random(seed * 1_000_003 + i)
        d = os.path.join(out, "train", f"class_{i % classes}")
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, f"img_{i:06d}.JPEG")
        photo(rnd, w, h).save(path, quality=90, subsampling="4:2:0")
        total += os.path.getsize(path)
    print(f"{count} images {w}x{h}: {total / count / 1024:.1f} KiB each,"
          f" {8 * total / count / (w * h):.2f} bits/pixel")


if __name__ == "__main__":
    main()
