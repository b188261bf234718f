"""The page's inline style sheet and script."""

from typing import Final

_CSS: Final = """
:root{--crit:#c62828;--bar:#3b6fb6;--ink:#1d2733;--muted:#5b6675;--line:#d5dbe3;
--weekend:#eceff3;--holiday:#fbdada;--late:#d50000;--ok:#2e7d32;--status:#7b1fa2;
--stripe:#f6f8fb;--group:#e2eaf4;font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",
"Helvetica Neue",Arial,sans-serif;color:var(--ink)}
*{box-sizing:border-box}
body{margin:0;height:100vh;display:flex;flex-direction:column;font-size:13px}
header{padding:10px 16px 6px;border-bottom:1px solid var(--line)}
h1{font-size:18px;margin:0 0 4px;line-height:1.3}
.meta{margin:0 0 6px;color:var(--muted)}
.hint{margin:4px 0 0;color:var(--muted);font-size:12px}
.hint button{font:inherit;font-size:12px;margin-left:6px}
.legend{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 18px}
.legend li{display:flex;align-items:center;gap:6px}
.gantt{flex:1;overflow:auto;position:relative}
.grid{display:grid;width:max-content}
.corner{position:sticky;top:0;left:0;z-index:4;background:#fff;height:44px;
border-bottom:1px solid #9aa6b4;border-right:1px solid #9aa6b4;display:flex;align-items:flex-end}
.axis{position:sticky;top:0;z-index:3;background:#fff;height:44px;border-bottom:1px solid #9aa6b4}
.table{position:sticky;left:0;z-index:2;border-right:1px solid #9aa6b4;background:#fff
repeating-linear-gradient(#fff 0 24px,var(--stripe) 24px 48px)}
.axis svg,.body svg{display:block}
.cols,.task{display:grid;grid-template-columns:116px 1fr 92px 92px;align-items:baseline}
.cols{width:100%;height:22px;line-height:22px;font-weight:600;color:var(--muted)}
.cols span,.task span{padding:0 6px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.task{height:24px;line-height:24px;border-left:3px solid transparent}
.chunk{content-visibility:auto}
.links{pointer-events:none}
.task.critical{border-left-color:var(--crit)}
.task .id{color:var(--muted);font-size:12px}
.task .d,.cols .d{font-variant-numeric:tabular-nums;text-align:right}
.task .d.late{color:var(--late);font-weight:700}
.group-head{height:24px;line-height:24px;background:var(--group);font-weight:600;
display:flex;gap:6px;padding:0 6px;white-space:nowrap;overflow:hidden}
.group-head .name{overflow:hidden;text-overflow:ellipsis}
.group-head .n{color:var(--muted);font-weight:400}
.group-head .n::before{content:"("}.group-head .n::after{content:")"}
.toggle{border:0;background:none;padding:0 2px;cursor:pointer;font:inherit;width:16px}
.group.closed .rows{display:none}
.group.closed .toggle{transform:rotate(-90deg)}
svg text{font-size:11px;fill:var(--ink)}
svg text.month{font-weight:600;font-size:12px}
svg text.day{text-anchor:middle}
svg text.week{fill:var(--muted)}
.tick{stroke:#b8c1cc}
.month-line{stroke:#9aa6b4}
.stripe{fill:var(--stripe)}
.off.weekend{fill:var(--weekend)}
.off.holiday{fill:var(--holiday)}
.grid-week{stroke:#e3e7ec}
.grid-month{stroke:#b8c1cc}
.bar{fill:var(--bar);stroke:#24528f;stroke-width:1}
.bar.critical{fill:var(--crit);stroke:#8e1c1c}
.milestone{fill:var(--ink);stroke:#fff;stroke-width:1}
.milestone.critical{fill:var(--crit)}
.progress{fill:#0b2545;opacity:.55}
.baseline{fill:#9aa6b4}
.link{fill:none;stroke:#6b7785;stroke-width:1}
.link.critical{stroke:var(--crit)}
.arrowhead{fill:#6b7785}
.arrowhead.critical{fill:var(--crit)}
.deadline-line{stroke:var(--ok);stroke-width:1.5;stroke-dasharray:3 2}
.deadline-head{fill:var(--ok)}
.deadline.missed .deadline-line{stroke:var(--late)}
.deadline.missed .deadline-head{fill:var(--late)}
.group-band{fill:#c9d8ea;fill-opacity:.55}
.summary{fill:#33475b}
.status-date{stroke:var(--status);stroke-width:2}
rect.status-flag{fill:var(--status)}
text.status-flag{fill:#fff;text-anchor:middle;font-weight:600}
.row.task:hover .bar{filter:brightness(1.15)}
@media print{body{height:auto;display:block}.gantt{overflow:visible}
.corner,.axis,.table{position:static}.hint{display:none}}
"""

_JS: Final = """
(function () {
  "use strict";
  var ROW = %(row)d, STUB = %(stub)d, HEAD = %(head)d;
  var chart = document.getElementById("chart");
  var groups = document.querySelectorAll(".table .group");
  document.documentElement.setAttribute("data-ready", "1");
  if (!chart || !groups.length) return;
  var rows = chart.querySelectorAll("g.row");
  var links = JSON.parse(document.getElementById("gantt-links").textContent);
  var paths = chart.querySelectorAll("g.links path");  // link, critical link, their heads
  var closed = {}, up = {};
  Array.prototype.forEach.call(groups, function (box) {
    var above = box.getAttribute("data-up");
    if (above !== null) up[box.getAttribute("data-g")] = above;
  });
  function shut(g) {  // folded away with a group it is under
    for (g = up[g]; g !== undefined; g = up[g]) if (closed[g]) return true;
    return false;
  }
  function n(v) { return Math.round(v * 10) / 10; }
  function route(x1, y1, x2, y2, fromFinish, toFinish) {
    var out = fromFinish ? 1 : -1, into = toFinish ? -1 : 1, vx;
    var head = "M" + n(x1) + " " + n(y1) + "H";
    if (out !== into) {
      vx = out < 0 ? Math.min(x1, x2) - STUB : Math.max(x1, x2) + STUB;
      return head + n(vx) + "V" + n(y2) + "H" + n(x2);
    }
    vx = x1 + out * STUB;
    if ((x2 - vx) * into >= STUB) return head + n(vx) + "V" + n(y2) + "H" + n(x2);
    var ym = y1 + (y2 > y1 ? ROW / 2 : -ROW / 2), tx = x2 - into * STUB;
    return head + n(vx) + "V" + n(ym) + "H" + n(tx) + "V" + n(y2) + "H" + n(x2);
  }
  function head(x, y, toFinish) {
    var back = toFinish ? HEAD : -HEAD;
    return "M" + n(x) + " " + n(y) + "l" + back + " -" + HEAD / 2 + "v" + HEAD + "z";
  }
  function layout() {
    var y = 0, mid = {}, i, r, v, a, b, d = ["", "", "", ""];
    Array.prototype.forEach.call(groups, function (box) {
      box.style.display = shut(box.getAttribute("data-g")) ? "none" : "";
    });
    for (i = 0; i < rows.length; i++) {
      r = rows[i];
      var task = r.getAttribute("data-i"), g = r.getAttribute("data-g");
      var hide = (task !== null && closed[g]) || (g !== null && shut(g));
      r.style.display = hide ? "none" : "";
      if (hide) continue;
      r.setAttribute("transform", "translate(0," + y + ")");
      if (task !== null) mid[task] = y + ROW / 2;
      y += ROW;
    }
    chart.setAttribute("height", y);
    for (i = 0; i < links.length; i++) {  // the arrows between visible tasks only
      v = links[i];
      a = mid[v[0]]; b = mid[v[1]];
      if (a === undefined || b === undefined) continue;
      d[v[6]] += route(v[2], a, v[3], b, v[4] === 1, v[5] === 1);
      d[2 + v[6]] += head(v[3], b, v[5] === 1);
    }
    for (i = 0; i < 4; i++) paths[i].setAttribute("d", d[i] || "M0 0");
  }
  function set(box, shut) {
    var g = box.getAttribute("data-g");
    closed[g] = shut;
    box.classList.toggle("closed", shut);
    box.querySelector(".toggle").setAttribute("aria-expanded", String(!shut));
  }
  Array.prototype.forEach.call(groups, function (box) {
    var button = box.querySelector(".toggle");
    button.hidden = false;
    button.title = %(toggle)s;
    button.addEventListener("click", function () {
      set(box, !closed[box.getAttribute("data-g")]);
      layout();
    });
  });
  var tools = document.querySelector(".tools");
  if (tools) {
    tools.hidden = false;
    tools.addEventListener("click", function (event) {
      var all = event.target.getAttribute && event.target.getAttribute("data-all");
      if (all === null || all === undefined) return;
      Array.prototype.forEach.call(groups, function (box) { set(box, all === "0"); });
      layout();
    });
  }
  var folded = false;
  Array.prototype.forEach.call(groups, function (box) {
    if (box.hasAttribute("data-folded")) { set(box, true); folded = true; }
  });
  if (folded) layout();
  if (location.hash === "#collapsed") {
    Array.prototype.forEach.call(groups, function (box) { set(box, true); });
    layout();
  }
%(more)s})();
"""
