#!/usr/bin/python3
"""One-off: derive the grayscale 512x512 demo photos in public/images/ from Debian's
python3-skimage sample data. Not part of the site build; the outputs are committed.

    cd /tmp && apt-get download python3-skimage && dpkg -x python3-skimage_*.deb /tmp/skimage
    apt-get install python3-pil
    /usr/bin/python3 scripts/data/derive-photos.py /tmp/skimage/usr/lib/python3/dist-packages/skimage/data public/images

Grayscale uses PIL's convert("L"): L = 0.299 R + 0.587 G + 0.114 B (ITU-R 601-2 luma).
"""
import sys
from pathlib import Path

from PIL import Image

SIZE = 512
# id -> (source file, crop box (left, upper, right, lower) or None for the whole image)
PHOTOS = {
    "camera": ("camera.png", None),
    "chelsea": ("chelsea.png", (70, 0, 370, 300)),  # 451x300 source: a square around the cat's face
    "brick": ("brick.png", None),
    "astronaut": ("astronaut.png", None),
}


def main(src: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for photo_id, (name, box) in PHOTOS.items():
        image = Image.open(src / name)
        if box is not None:
            image = image.crop(box)
        image = image.convert("L")
        if image.size != (SIZE, SIZE):
            image = image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
        target = out / f"{photo_id}-{SIZE}.png"
        # No metadata chunks, maximum zlib effort: smaller files, byte-identical reruns.
        image.save(target, optimize=True)
        print(f"{target}: {image.size[0]}x{image.size[1]} {image.mode}, {target.stat().st_size} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
