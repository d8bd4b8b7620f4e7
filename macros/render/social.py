"""Link-preview images: a 1200 x 630 PNG per page with its title on the site's design.

Chat and wiki tools (Slack, Teams, Notion, Confluence) show it beside a pasted link.
Drawn with Pillow and the font Pillow bundles, so a build never downloads a font
(Material's social plugin fetches its font from Google Fonts unless one is cached,
and needs the system's cairo library).
"""
from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
INDIGO = (63, 81, 181)          # Material's indigo, the site's primary colour
INK, SOFT = (255, 255, 255), (220, 224, 246)
MARGIN = 80


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to a pixel width; the last line ends with an ellipsis if cut."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            line = trial
            continue
        lines.append(line)
        line = word
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and draw.textlength(lines[-1] + " …", font=font) > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] += " …"
    return [x for x in lines if x]


def preview_png(title: str, description: str, site_name: str, site_host: str) -> bytes:
    """The PNG bytes for one page (deterministic: no timestamps or metadata)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), INDIGO)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 14, WIDTH, HEIGHT), fill=SOFT)
    draw.text((MARGIN, 64), site_name, font=_font(36), fill=SOFT)
    y = 150
    title_font = _font(76)
    for line in _wrap(draw, title, title_font, WIDTH - 2 * MARGIN, 2):
        draw.text((MARGIN, y), line, font=title_font, fill=INK)
        y += 92
    body_font = _font(34)
    y += 24
    for line in _wrap(draw, description, body_font, WIDTH - 2 * MARGIN, 4):
        draw.text((MARGIN, y), line, font=body_font, fill=SOFT)
        y += 46
    draw.text((MARGIN, HEIGHT - 84), site_host, font=_font(30), fill=SOFT)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()
