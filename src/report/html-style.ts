/**
 * The HTML report's one stylesheet, inline. Colours are variables with a light and a dark set
 * (prefers-color-scheme), chosen for contrast on either background; the charts use the same
 * variables, so they follow the theme with no script.
 */
export const HTML_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --accept: #1a7f37; --reject: #cf222e; --warn: #9a6700;
  --dev: #0969da; --holdout: #8250df; --p2f: #cf222e; --f2p: #1a7f37;
  --s0: #0969da; --s1: #bc4c00; --s2: #8250df; --s3: #1a7f37; --s4: #bf3989; --s5: #6e7781;
  --add-bg: #dafbe1; --del-bg: #ffebe9;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23;
    --accept: #3fb950; --reject: #f85149; --warn: #d29922;
    --dev: #4493f8; --holdout: #ab7df8; --p2f: #f85149; --f2p: #3fb950;
    --s0: #4493f8; --s1: #f0883e; --s2: #ab7df8; --s3: #3fb950; --s4: #db61a2; --s5: #9198a1;
    --add-bg: #12261e; --del-bg: #25171c;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.5rem; margin: 0 0 8px; }
h2 { font-size: 1.2rem; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.outcome-accept { color: var(--accept); } .outcome-reject { color: var(--reject); } .outcome-inconclusive { color: var(--warn); }
.stats, .muted, figcaption { color: var(--muted); }
.note { border-left: 4px solid var(--warn); background: var(--panel); padding: 8px 12px; margin: 12px 0; }
ul.reasons { list-style: none; padding-left: 0; } ul.reasons li { margin: 2px 0; }
.ok { color: var(--accept); } .failed { color: var(--reject); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 0.9rem; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--panel); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font: 0.85rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--panel); border: 1px solid var(--line); padding: 8px; overflow-x: auto; }
pre .add { background: var(--add-bg); display: block; } pre .del { background: var(--del-bg); display: block; }
figure { margin: 16px 0; } figcaption { font-size: 0.9rem; }
svg.chart { width: 100%; height: auto; max-width: 720px; display: block; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg text { fill: var(--fg); font: 11px system-ui, sans-serif; }
svg .tick, svg .empty { fill: var(--muted); }
svg .axis-title { font-weight: 600; }
svg .line { fill: none; stroke-width: 2; }
svg .line.dev { stroke: var(--dev); } svg .line.holdout { stroke: var(--holdout); stroke-dasharray: 6 4; }
svg .pt.dev .mark { fill: var(--dev); stroke: var(--dev); } svg .pt.holdout .mark { fill: var(--holdout); stroke: var(--holdout); }
svg .mark.hollow { fill: var(--bg) !important; stroke-width: 2; }
svg .swatch.dev { fill: var(--dev); } svg .swatch.holdout { fill: var(--holdout); }
svg .pt.p2f .bar, svg .swatch.p2f { fill: var(--p2f); } svg .pt.f2p .bar, svg .swatch.f2p { fill: var(--f2p); }
svg .s0 { fill: var(--s0); } svg .s1 { fill: var(--s1); } svg .s2 { fill: var(--s2); }
svg .s3 { fill: var(--s3); } svg .s4 { fill: var(--s4); } svg .s5 { fill: var(--s5); }
svg .value { fill: var(--muted); font-size: 10px; }
ins { background: var(--add-bg); text-decoration: underline; } del { background: var(--del-bg); }
table.side-by-side { table-layout: fixed; } pre.answer { white-space: pre-wrap; margin: 4px 0; }
details.evidence { border: 1px solid var(--line); padding: 4px 8px; } details.evidence h3 { font-size: 1rem; margin: 8px 0 4px; }
details.evidence.p2f > summary { color: var(--p2f); } details.evidence.f2p > summary { color: var(--f2p); }
details { margin: 4px 0 12px; } summary { cursor: pointer; color: var(--muted); }
`;
