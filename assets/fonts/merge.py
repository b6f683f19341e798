#!/usr/bin/python3
"""Builds the app's text fonts, MotesplatsSans-Regular.ttf and -Bold.ttf.

Each is Noto Sans (Latin, Cyrillic, Greek) and Noto Sans Arabic merged into
one font, so the theme's one font draws every script of the app and Fyne
never falls back to the Noto Sans it bundles: that one (version 2.000,
2017) has a Cyrillic 'ccmp' rule that swaps every Ukrainian і (U+0456)
for a dotless glyph. Noto Sans comes first, so Latin and Cyrillic
punctuation and digits are its own; the line height is the larger of the
two (the Arabic one, as before), so layouts do not move.

Inputs: the four Noto files beside this script, copied unchanged from
Debian's fonts-noto-core 20201225-1 (/usr/share/fonts/truetype/noto/).
Needs fontTools (Debian: apt-get install python3-fonttools).
Run: /usr/bin/python3 assets/fonts/merge.py
"""
import os
from fontTools import merge
from fontTools.ttLib import TTFont

HERE = os.path.dirname(os.path.abspath(__file__))

FAMILY = "Motesplats Sans"

for style in ("Regular", "Bold"):
    inputs = [os.path.join(HERE, f"NotoSans-{style}.ttf"),
              os.path.join(HERE, f"NotoSansArabic-{style}.ttf")]
    font = merge.Merger().merge(inputs)
    # The two fonts' TrueType hinting programs do not combine; go-text,
    # which Fyne draws with, does not hint, so the merged font has none.
    for table in ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX"):
        if table in font:
            del font[table]
    glyf = font["glyf"]
    for g in glyf.glyphs.values():
        g.expand(glyf)
        g.removeHinting()
    # A modified font gets its own name (the OFL asks it of changed fonts
    # so they are not mistaken for the originals).
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (1, 3, 4, 6, 16, 17):
            name.removeNames(nameID=rec.nameID)
    name.setName(FAMILY, 1, 3, 1, 0x409)
    name.setName(style, 2, 3, 1, 0x409)
    name.setName(f"{FAMILY} {style}; merged from Noto Sans 2.004 and Noto Sans Arabic 2.005", 3, 3, 1, 0x409)
    name.setName(f"{FAMILY} {style}", 4, 3, 1, 0x409)
    name.setName(f"MotesplatsSans-{style}", 6, 3, 1, 0x409)
    out = os.path.join(HERE, f"MotesplatsSans-{style}.ttf")
    font.save(out)
    print(out, len(font.getGlyphOrder()), "glyphs")
