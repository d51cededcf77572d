"""Pixel checks of rendered figures, used by the accessibility test (not part of the student package).

:func:`colour_problems` checks that a rendered figure's colours come from the
course palette (``partycorpus.PALETTE``), its tints and mixes, or a safe colour
map; ``tests/test_accessibility.py`` runs it on every stored lesson figure.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.bar(["a", "b"], [1, 2], color=PALETTE[:2])
>>> buffer = io.BytesIO(); fig.savefig(buffer, format="png"); plt.close(fig)
>>> colour_problems(buffer.getvalue())
[]
"""
from __future__ import annotations

import io

import numpy as np

from partycorpus.plots.figures import PALETTE, SAFE_COLORMAPS


def _hex(rgb) -> str:
    return "#" + "".join(f"{int(round(v)):02x}" for v in rgb)


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)


def _allowed_distance(colours: np.ndarray) -> np.ndarray:
    """Distance (0-255 units) from each colour to the nearest colour a palette figure can show.

    Those are: a palette colour mixed with grey (its tints and shades: transparency over white,
    anti-aliased edges against the background, the axes or text), a mix of two palette colours with
    white or black (the edge between two of them, or two transparent marks overlapping), and the
    colours of the SAFE_COLORMAPS.
    """
    import matplotlib

    hues = [_rgb(c) for c in PALETTE if np.ptp(_rgb(c)) > 0]
    best = np.full(len(colours), np.inf)
    for c in hues:  # p = a*c + b*(1,1,1), 0 <= a <= 1, 0 <= b <= 255*(1 - a)
        centred, cc = colours - colours.mean(1, keepdims=True), c - c.mean()
        a = np.clip(centred @ cc / (cc @ cc), 0, 1)[:, None]
        b = np.clip((colours - a * c).mean(1, keepdims=True), 0, 255 * (1 - a))
        best = np.minimum(best, np.linalg.norm(colours - a * c - b, axis=1))
    for i, c1 in enumerate(hues):
        for c2 in hues[i + 1:]:
            d = c1 - c2  # p = c2 + a*(c1 - c2): the edge between two colours
            a = np.clip((colours - c2) @ d / (d @ d), 0, 1)[:, None]
            best = np.minimum(best, np.linalg.norm(colours - c2 - a * d, axis=1))
            # p = a*c1 + b*c2 + w*white (+ black): two transparent colours overlapping on the page
            basis = np.column_stack([c1, c2, np.full(3, 255.0)])
            if abs(np.linalg.det(basis)) > 1e-6:
                a, b, w = np.linalg.solve(basis, colours.T)
                inside = (a >= -0.02) & (b >= -0.02) & (w >= -0.02) & (a + b + w <= 1.02)
                best[inside] = 0.0
    maps = np.vstack([matplotlib.colormaps[name](np.linspace(0, 1, 256))[:, :3] * 255 for name in SAFE_COLORMAPS])
    for start in range(0, len(colours), 2048):
        chunk = colours[start:start + 2048]
        nearest = np.sqrt(((chunk[:, None, :] - maps[None, :, :]) ** 2).sum(-1)).min(1)
        best[start:start + 2048] = np.minimum(best[start:start + 2048], nearest)
    return best


def colour_problems(png: bytes, tolerance: float = 12.0, max_share: float = 0.01) -> list[str]:
    """Check that a rendered figure's colours come from PALETTE (or a SAFE_COLORMAPS map).

    Looks at every clearly coloured pixel (greys, black and white are always
    fine) and asks whether it is a palette colour, a tint or shade of one, a mix
    of two (with white or black), or a colour of a safe colour map, within
    ``tolerance`` (0-255 units).
    Returns a description of the problem when more than ``max_share`` of the
    coloured pixels are none of these, else an empty list.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar(["a", "b"], [1, 2], color=["red", "green"])
    >>> buffer = io.BytesIO(); fig.savefig(buffer, format="png"); plt.close(fig)
    >>> colour_problems(buffer.getvalue())[0][:53]
    'the figure uses colours outside the colour-blind-safe'
    """
    import matplotlib.image

    image = matplotlib.image.imread(io.BytesIO(png), format="png")
    if image.ndim == 2:  # a grey-scale image has no colours to check
        return []
    if image.dtype != np.float32 and image.dtype != np.float64:
        image = image / 255.0
    rgb = image[..., :3].astype(float)
    if image.shape[-1] == 4:  # composite over the white page
        alpha = image[..., 3:4].astype(float)
        rgb = rgb * alpha + (1 - alpha)
    pixels = np.round(rgb.reshape(-1, 3) * 255)
    coloured = pixels[np.ptp(pixels, axis=1) > 30]
    if len(coloured) == 0:
        return []
    colours, counts = np.unique(coloured, axis=0, return_counts=True)
    off = _allowed_distance(colours) > tolerance
    share = counts[off].sum() / counts.sum()
    if share <= max_share:
        return []
    worst = colours[off][np.argsort(-counts[off])][:3]
    return [f"the figure uses colours outside the colour-blind-safe palette ({share:.0%} of its coloured pixels, "
            f"e.g. {', '.join(_hex(c) for c in worst)}): colour with partycorpus.PALETTE "
            f"or a colour map from {', '.join(SAFE_COLORMAPS)}"]
