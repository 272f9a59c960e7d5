"""The HTML report's own style sheet and sorting script, kept apart from the page they serve.

Both are inlined into the page and allowed by hash in its Content-Security-Policy.
"""

from __future__ import annotations

__all__ = ["SCRIPT", "STYLE"]

STYLE = """
:root{--ink:#1f2933;--muted:#5f6b7a;--line:#d8dee6;--bg:#f6f8fa;--card:#fff}*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
 color:var(--ink);background:var(--bg)}
main{max-width:1240px;margin:0 auto;padding:24px 28px 48px}h1{font-size:26px;margin:0 0 2px}
h2{font-size:19px;margin:32px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
.sub,.note,figcaption{color:var(--muted);font-size:13px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin:18px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card b{display:block;font-size:24px;line-height:1.2}.card span{color:var(--muted);font-size:13px}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px}
.panel h3{font-size:15px;margin:0 0 8px}section.two{margin-top:16px}
.two{display:grid;grid-template-columns:1fr 1fr;gap:16px}
svg{display:block;max-width:100%;height:auto}svg text{font:12px system-ui,sans-serif;fill:#3b4451}
table{border-collapse:collapse;width:100%;background:var(--card);font-size:13.5px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
th{background:#eef2f6;position:sticky;top:0;white-space:nowrap}
th button{all:inherit;cursor:pointer;padding:0}th button::after{content:" \\2195";color:#9aa5b1}
th[aria-sort=ascending] button::after{content:" \\2191";color:var(--ink)}
th[aria-sort=descending] button::after{content:" \\2193";color:var(--ink)}
td.num{text-align:right;font-variant-numeric:tabular-nums}td.msg{min-width:280px}
.src{overflow-wrap:anywhere;min-width:200px}.when{white-space:nowrap}
.sev{display:inline-block;padding:0 7px;border-radius:10px;color:#fff;font-size:12px;font-weight:600}
.sev-error{background:#c62828}.sev-warning{background:#d97706}.sev-info{background:#2563eb}
a{color:#1d4ed8;text-decoration:none}a:hover{text-decoration:underline}
figure{margin:0 0 14px;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
figure h3{font-size:14px;margin:0 0 4px;font-weight:600}
.legend span{margin-right:14px;white-space:nowrap}.dot{font-size:16px;vertical-align:-1px}
.c-error{color:#c62828}.c-warning{color:#d97706}.c-info{color:#2563eb}.c-none{color:#059669}.c-art{color:#64748b}
footer{margin-top:36px;color:var(--muted);font-size:12px}
"""

SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var body = table.tBodies[0];
  table.querySelectorAll("th button").forEach(function (button) {
    button.addEventListener("click", function () {
      var th = button.parentNode, column = th.cellIndex;
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var key = function (row) {
        var cell = row.cells[column];
        var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
        return th.hasAttribute("data-numeric") ? parseFloat(value) || 0 : value.toLowerCase();
      };
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  table.setAttribute("data-sortable", "ready");
});
"""
