package dev.jtune.dashboard;

/** The pages' one stylesheet, inlined so that a page needs no other file. */
final class Style {
  private Style() {}

  static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;\
      max-width:1200px;padding:0 16px;color:#1d2330}
      h1{font-size:1.5em;margin-bottom:4px} h2{font-size:1.1em;margin:28px 0 6px}
      .meta,.note,footer{color:#5a6272;font-size:.9em}
      pre{background:#f5f6f8;padding:10px;overflow-x:auto;font-size:.85em}
      table{border-collapse:collapse} td,th{padding:4px 12px;text-align:left;\
      border-bottom:1px solid #e3e5ea}
      svg{max-width:100%;height:auto;font-size:11px}
      .grid{display:flex;flex-wrap:wrap;gap:8px}
      .axis{stroke:#5a6272;stroke-width:1} .grid line,.grid{stroke-width:1}
      line.grid{stroke:#e3e5ea}
      .tick{fill:#5a6272} .small{font-size:9px} .title{fill:#1d2330;font-size:12px}
      circle.trial{fill:#3563c9;fill-opacity:.75} circle.front{fill:#d6332f}
      circle.infeasible{fill:#ffffff;stroke:#9aa0aa;stroke-width:1.2}
      circle.onmap{fill:#ffffff;fill-opacity:.8;stroke:#1d2330;stroke-width:.6}
      rect.cell{shape-rendering:crispEdges} .compare{stroke-width:2}
      polyline{fill:none !important} polyline.best{stroke:#d6332f;stroke-width:2}
      polyline.lineage{stroke:#3563c9;stroke-width:1;stroke-opacity:.6}
      polyline.exploit{stroke:#e8871e;stroke-width:1.2;stroke-dasharray:3 2}
      polyline.error{stroke:#3563c9;stroke-width:1.5}
      .curve{stroke-width:1.2;stroke-opacity:.7} .curve.complete{stroke:#3563c9;fill:#3563c9}
      .curve.pruned{stroke:#e8871e;fill:#e8871e} .curve.running{stroke:#2e9e5b;fill:#2e9e5b}
      .curve.fail{stroke:#9aa0aa;fill:#9aa0aa} .parallel{stroke-width:1.2;stroke-opacity:.8}
      rect.bar{fill:#3563c9} a{color:#3563c9}
      .span.complete{fill:#3563c9} .span.pruned{fill:#e8871e} .span.running{fill:#2e9e5b}
      .span.fail{fill:#9aa0aa} .span.waiting{fill:#d0d3d9}
      table.trials{font-size:.85em} tr.fail td{color:#8a3030} tr.pruned td{color:#8a5a1e}
      """;
}
