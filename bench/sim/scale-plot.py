#!/usr/bin/env python3
"""Draws bench/sim/scale-bench.sh's figures as an SVG: wall time against N, both axes logarithmic, one line per
command, with a dashed line of slope 1 (time proportional to N) and one of slope 2 for comparison. Plain SVG written
by hand, so it needs nothing but Python. Of several runs of one command at one N, the latest counts.

    bench/sim/scale-plot.py [RESULTS.tsv [OUT.svg]]   (defaults: bench/sim/scale-results.tsv, docs/scale.svg)
"""
import math
import sys

results = sys.argv[1] if len(sys.argv) > 1 else "bench/sim/scale-results.tsv"
out = sys.argv[2] if len(sys.argv) > 2 else "docs/scale.svg"

series = {}
for line in open(results):
    f = line.rstrip("\n").split("\t")
    if len(f) < 6 or line.startswith("#"):
        continue
    n, command, secs = int(f[2]), f[3], float(f[4])
    series.setdefault(command, {})[n] = secs  # the latest run of a command at an N wins

W, H = 720, 480
left, right, top, bottom = 70, 200, 30, 50
ns = [n for s in series.values() for n in s]
ts = [t for s in series.values() for t in s.values()]
x0, x1 = math.floor(math.log10(min(ns))), math.ceil(math.log10(max(ns)))
y0, y1 = math.floor(math.log10(min(ts))), math.ceil(math.log10(max(ts)))
if x0 == x1:
    x1 += 1
if y0 == y1:
    y1 += 1


def x(n):
    return left + (math.log10(n) - x0) / (x1 - x0) * (W - left - right)


def y(t):
    return H - bottom - (math.log10(t) - y0) / (y1 - y0) * (H - top - bottom)


colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (W, H),
       '<rect width="100%" height="100%" fill="white"/>']
for e in range(x0, x1 + 1):
    svg.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (x(10 ** e), top, x(10 ** e), H - bottom))
    svg.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (x(10 ** e), H - bottom + 16, format(10 ** e, ",")))
for e in range(y0, y1 + 1):
    svg.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (left, y(10 ** e), W - right, y(10 ** e)))
    label = ("%g" % 10 ** e) + " s"
    svg.append('<text x="%d" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>' % (left - 6, y(10 ** e), label))
svg.append('<text x="%d" y="%d" text-anchor="middle">N (hosts of the star)</text>' % ((left + W - right) / 2, H - 12))
svg.append('<text transform="translate(16,%d) rotate(-90)" text-anchor="middle">wall time, whole command</text>' % ((top + H - bottom) / 2))
svg.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="black"/>' % (left, top, W - left - right, H - top - bottom))

# guides through the first point of the slowest-growing command: slope 1 and slope 2
legend_y = top + 10
for i, (command, points) in enumerate(sorted(series.items())):
    c = colours[i % len(colours)]
    pts = sorted(points.items())
    svg.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (c, " ".join("%.1f,%.1f" % (x(n), y(t)) for n, t in pts)))
    for n, t in pts:
        svg.append('<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"><title>%s, N=%d: %.2f s</title></circle>' % (x(n), y(t), c, command, n, t))
    svg.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>' % (W - right + 12, legend_y, W - right + 36, legend_y, c))
    svg.append('<text x="%d" y="%d" dominant-baseline="middle">%s</text>' % (W - right + 42, legend_y, command))
    legend_y += 20
for slope, dash in ((1, "4,4"), (2, "1,4")):
    n0 = 10 ** x0
    t0 = 10 ** y0
    n1 = min(10 ** x1, n0 * 10 ** ((y1 - y0) / slope))
    svg.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="gray" stroke-dasharray="%s"/>' % (x(n0), y(t0), x(n1), y(t0 * (n1 / n0) ** slope), dash))
    svg.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="gray" stroke-dasharray="%s"/>' % (W - right + 12, legend_y, W - right + 36, legend_y, dash))
    svg.append('<text x="%d" y="%d" dominant-baseline="middle">time ∝ N%s</text>' % (W - right + 42, legend_y, "" if slope == 1 else "²"))
    legend_y += 20
svg.append("</svg>")
with open(out, "w") as f:
    f.write("\n".join(svg) + "\n")
print("wrote", out)
