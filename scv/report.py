"""A self-contained HTML report of an evaluation, with inline SVG charts."""

from __future__ import annotations

import html
from collections.abc import Sequence

from scv.evaluation import Evaluation

WIDTH, HEIGHT, PAD = 640, 260, 40
AXIS = (
    f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#444"/>'
)


def _bars(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float]]],
    log_scale: bool = False,
) -> str:
    """Grouped bar chart: series = (name, colour, values per label)."""
    import math

    def scale(v: float) -> float:
        return math.log10(v + 1) if log_scale else v

    top = max((scale(v) for _, _, values in series for v in values), default=1) or 1
    n = max(len(labels), 1)
    slot = (WIDTH - 2 * PAD) / n
    bar = slot / (len(series) + 1)
    parts = [
        f'<svg width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{html.escape(title)}">',
        AXIS,
    ]
    for i, label in enumerate(labels):
        x0 = PAD + i * slot
        for j, (_name, colour, values) in enumerate(series):
            h = (HEIGHT - 2 * PAD) * scale(values[i]) / top
            parts.append(
                f'<rect x="{x0 + j * bar:.1f}" y="{HEIGHT - PAD - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{colour}">'
                f"<title>{html.escape(label)}: {values[i]:,.0f}</title></rect>"
            )
        if n <= 30 or i % max(1, n // 15) == 0:
            parts.append(
                f'<text x="{x0 + slot / 2:.1f}" y="{HEIGHT - PAD + 14}" font-size="10" '
                f'text-anchor="middle">{html.escape(label)}</text>'
            )
    legend = " ".join(f'<tspan fill="{c}">■ {html.escape(s)}</tspan>' for s, c, _ in series)
    parts.append(
        f'<text x="{PAD}" y="16" font-size="12">{legend}'
        f"{' (log scale)' if log_scale else ''}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _lines(
    title: str, xs: Sequence[str], series: Sequence[tuple[str, str, Sequence[float]]], y_min: float
) -> str:
    n = max(len(xs) - 1, 1)

    def point(i: int, v: float) -> str:
        x = PAD + i * (WIDTH - 2 * PAD) / n
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * (v - y_min) / (1 - y_min)
        return f"{x:.1f},{y:.1f}"

    parts = [
        f'<svg width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{html.escape(title)}">',
        AXIS,
    ]
    for name, colour, values in series:
        pts = " ".join(point(i, v) for i, v in enumerate(values))
        parts.append(
            f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2">'
            f"<title>{html.escape(name)}</title></polyline>"
        )
    for i, x in enumerate(xs):
        parts.append(
            f'<text x="{PAD + i * (WIDTH - 2 * PAD) / n:.1f}" y="{HEIGHT - PAD + 14}" '
            f'font-size="10" text-anchor="middle">{html.escape(x)}</text>'
        )
    parts.append(
        f'<text x="4" y="{PAD}" font-size="10">1.0</text>'
        f'<text x="4" y="{HEIGHT - PAD}" font-size="10">{y_min:.2f}</text>'
    )
    legend = " ".join(f'<tspan fill="{c}">— {html.escape(s)}</tspan>' for s, c, _ in series)
    parts.append(f'<text x="{PAD}" y="16" font-size="12">{legend}</text></svg>')
    return "".join(parts)


def render_html(result: Evaluation, title: str = "SCV identity resolution") -> str:
    weights = result.weight_histogram
    thresholds = result.by_threshold
    lowest = min([p for _, p, _ in thresholds] + [r for _, _, r in thresholds] + [0.9])
    rows = "".join(
        f"<tr><td>{html.escape(str(c))}</td><td>{p}</td><td>{r}</td><td>{html.escape(str(t))}</td></tr>"
        for c, p, r, t in result.over_merges
    )
    under = "".join(
        f"<tr><td>{html.escape(str(p))}</td><td>{c}</td><td>{r}</td><td>{html.escape(str(ids))}</td></tr>"
        for p, c, r, ids in result.under_merges
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;color:#222}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:3px 8px;font-size:13px}}
.figures td:first-child{{font-weight:600}}</style></head><body>
<h1>{html.escape(title)}</h1>
<p>Scored against the demo generator's ground truth (pairwise, over clusters).</p>
<table class="figures">
<tr><td>precision</td><td>{result.precision:.4f}</td></tr>
<tr><td>recall</td><td>{result.recall:.4f}</td></tr>
<tr><td>F1</td><td>{result.f1:.4f}</td></tr>
<tr><td>source records</td><td>{result.records:,}</td></tr>
<tr><td>clusters / true people</td><td>{result.clusters:,} / {result.true_people:,}</td></tr>
<tr><td>largest cluster</td><td>{result.largest_cluster} records</td></tr>
</table>
<h2>Match weight distribution</h2>
<p>Compared pairs by match weight (bits), true matches and non-matches.</p>
{
        _bars(
            "match weights",
            [f"{w:.0f}" for w, _, _ in weights],
            [
                ("true match", "#2a7", [t for _, t, _ in weights]),
                ("non-match", "#c44", [f for _, _, f in weights]),
            ],
            log_scale=True,
        )
    }
<h2>Cluster size distribution</h2>
{
        _bars(
            "cluster sizes",
            [str(s) for s, _ in result.cluster_sizes],
            [("clusters", "#37a", [c for _, c in result.cluster_sizes])],
            log_scale=True,
        )
    }
<h2>Precision and recall by threshold</h2>
<p>Pair level, before clustering: deterministic links plus probabilistic pairs at or above each
threshold, against the true pairs among compared pairs.</p>
{
        _lines(
            "precision and recall by threshold",
            [str(t) for t, _, _ in thresholds],
            [
                ("precision", "#37a", [p for _, p, _ in thresholds]),
                ("recall", "#e80", [r for _, _, r in thresholds]),
            ],
            y_min=min(lowest, 0.99) - 0.01,
        )
    }
<h2>Over-merges (one cluster, several true people)</h2>
<table><tr><th>cluster</th><th>people</th><th>records</th><th>true people</th></tr>{rows}</table>
<h2>Under-merges (one true person, several clusters)</h2>
<table><tr><th>person</th><th>clusters</th><th>records</th><th>clusters</th></tr>{under}</table>
<p><code>{html.escape(result.summary_line())}</code></p>
</body></html>
"""
