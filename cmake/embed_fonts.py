#!/usr/bin/python3
"""Subsets the app's fonts and embeds them into the wasm as a generated C++ file.

Inter Regular keeps the code points in TEXT_RANGES (the strong face, made heavier from it in the
atlas, draws those of them in STRONG_RANGES); Fork Awesome keeps exactly the icons named in
src/ui/icons.h. Hinting, glyph names and the OpenType
layout tables are dropped: stb_truetype (ImGui's rasterizer) reads outlines, cmap and metrics
only, and ImGui 1.86 does no kerning. The outlines are desubroutinized: larger raw, but each glyph then spells out its own
curves and brotli finds the repeats across glyphs better than CFF subroutines do (about 20%
fewer bytes on the wire). The generated file defines the byte arrays and the ranges declared in
src/ui/embedded_fonts.h. Runs with Debian's python3-fonttools (/usr/bin/python3).

usage: embed_fonts.py ICONS_H INTER_REGULAR ICON_FONT OUT_DIR
"""
import io
import re
import sys

from fontTools import agl, subset
from fontTools.ttLib import TTFont

# ASCII, Latin-1, and of the other blocks what the views draw: the dashes, quotes, bullet and
# ellipsis of general punctuation, the euro sign and the four arrows. Text outside these (Latin
# Extended-A and -B, other punctuation, Greek, Cyrillic, any other script) is rasterized by the
# browser on demand (web/glyphs.cpp): each such glyph costs a canvas draw once, while each glyph
# kept here costs every visitor its bytes (both weights of Greek and Cyrillic were about 30 KiB
# of brotli, the rest of general punctuation 4 KiB, Latin Extended-A 2.4 KiB).
TEXT_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x00FF),
    (0x2013, 0x2014), (0x2018, 0x2019), (0x201C, 0x201D), (0x2022, 0x2022), (0x2026, 0x2026),
    (0x20AC, 0x20AC), (0x2190, 0x2193),
]
# The strong face draws the app's own labels (titles, headings, buttons of empty states) and names
# that follow Kubernetes rules (credentials, scopes): ASCII, the middle dot the labels use and the
# same punctuation. Any other character in bold is rasterized by the browser like the scripts
# above, in its bold weight (fewer glyphs in the atlas). The strong face has no file of its own:
# src/ui/theme.cpp makes Regular's glyphs heavier (Inter SemiBold was 6.4 KiB of brotli).
STRONG_RANGES = [(0x0020, 0x007E), (0x00B7, 0x00B7)] + TEXT_RANGES[2:]


def icon_code_points(icons_h):
    text = open(icons_h, encoding="utf-8").read()
    points = set()
    for utf8 in re.findall(r'#define ICON_\w+ "((?:\\x[0-9a-fA-F]{2})+)"', text):
        points.add(ord(bytes(int(h, 16) for h in utf8.split("\\x")[1:]).decode("utf-8")))
    if not points:
        sys.exit(f"embed_fonts: no ICON_ defines in {icons_h}")
    return sorted(points)


def standard_glyph_names(font):
    """Renames the glyphs of a CFF font to their Adobe Glyph List names where there is one ("A",
    "Adieresis", "endash"): those are CFF standard strings, stored as a number, where the
    subsetter's "uni00C4" names are text in the font (0.4 KiB of brotli)."""
    if "CFF " not in font:
        return
    order = font.getGlyphOrder()
    first_code = {}
    for code, glyph in sorted(font.getBestCmap().items()):
        first_code.setdefault(glyph, code)
    rename, used = {}, set()
    for glyph in order:
        name = agl.UV2AGL.get(first_code.get(glyph, -1))
        if glyph == ".notdef" or not name or name in used:
            name = glyph
        rename[glyph] = name
        used.add(name)
    top = font["CFF "].cff.topDictIndex[0]
    top.CharStrings.charStrings = {rename[k]: v for k, v in top.CharStrings.charStrings.items()}
    top.charset = [rename[g] for g in top.charset]
    font["hmtx"].metrics = {rename[k]: v for k, v in font["hmtx"].metrics.items()}
    for table in font["cmap"].tables:
        table.cmap = {code: rename[g] for code, g in table.cmap.items()}
    font.setGlyphOrder([rename[g] for g in order])


def subset_font(path, unicodes):
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.glyph_names = False
    options.name_IDs = [1, 2]
    options.notdef_outline = True
    options.desubroutinize = True
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "BASE", "JSTF", "DSIG", "STAT", "meta"]
    font = TTFont(path, lazy=False)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    # One character map: Windows Unicode BMP, the one stb_truetype looks for first (the
    # subsetter also keeps the identical Unicode-platform copy).
    font["cmap"].tables = [t for t in font["cmap"].tables if (t.platformID, t.platEncID) == (3, 1)]
    standard_glyph_names(font)
    out = io.BytesIO()
    font.save(out)
    kept = sorted(c for c in font.getBestCmap() if c in set(unicodes))
    return out.getvalue(), kept


def ranges_of(points):
    """Contiguous runs of code points, as ImGui glyph ranges (pairs, inclusive)."""
    runs = []
    for c in points:
        if runs and runs[-1][1] + 1 == c:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return runs


def c_array(name, data):
    lines = []
    for i in range(0, len(data), 24):
        lines.append("    " + ",".join(str(b) for b in data[i:i + 24]) + ",")
    return f"alignas(4) const unsigned char {name}_bytes[] = {{\n" + "\n".join(lines) + "\n};\n"


def c_ranges(name, runs):
    body = ", ".join(f"0x{a:04X}, 0x{b:04X}" for a, b in runs)
    return f"const ImWchar {name}[] = {{{body}, 0}};\n"


def main():
    icons_h, regular, icon_font, out_dir = sys.argv[1:5]
    text_points = [c for a, b in TEXT_RANGES for c in range(a, b + 1)]
    strong_points = {c for a, b in STRONG_RANGES for c in range(a, b + 1)}
    fonts = {
        "inter_regular": (regular, text_points, "otf"),
        "icons": (icon_font, icon_code_points(icons_h), "ttf"),
    }
    out = ["// Generated by cmake/embed_fonts.py from the system fonts: do not edit.\n",
           '#include "ui/embedded_fonts.h"\n\nnamespace cc::ui::embedded {\nnamespace {\n']
    kept = {}
    for name, (path, points, ext) in fonts.items():
        data, kept[name] = subset_font(path, points)
        with open(f"{out_dir}/{name}.{ext}", "wb") as f:
            f.write(data)
        out.append(c_array(name, data))
    out.append("}  // namespace\n\n")
    for name in fonts:
        out.append(f"const FontBytes {name}{{{name}_bytes, static_cast<int>(sizeof({name}_bytes))}};\n")
    out.append(c_ranges("text_ranges", ranges_of(kept["inter_regular"])))
    out.append(c_ranges("strong_ranges", ranges_of([c for c in kept["inter_regular"] if c in strong_points])))
    out.append(c_ranges("icon_ranges", ranges_of(kept["icons"])))
    out.append("}  // namespace cc::ui::embedded\n")
    with open(f"{out_dir}/embedded_fonts.cpp", "w", encoding="utf-8") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
