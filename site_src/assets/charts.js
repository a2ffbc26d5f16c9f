/* wenming: draw the dashboard's charts with the plotly.min.js copied into the site.
 *
 * Each chart is a <div class="wm-chart" id=…> and its figure sits in a
 * <script type="application/json" class="wm-chart-data" data-for=…> block.
 * Plotly is loaded from next to this file before any chart is drawn, only on
 * pages that have charts, and drawing runs again after Material's instant
 * navigation (document$) when it is enabled. Works from file:// too.
 */
(function () {
  "use strict";
  var plotlySrc = new URL("plotly.min.js", document.currentScript.src).href;
  var loading = null;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = plotlySrc;
        s.onload = function () { resolve(window.Plotly); };
        s.onerror = function () { loading = null; reject(new Error("plotly.min.js 加载失败")); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function draw() {
    var blocks = document.querySelectorAll("script.wm-chart-data");
    if (!blocks.length) return;
    loadPlotly().then(function (Plotly) {
      blocks.forEach(function (block) {
        var el = document.getElementById(block.getAttribute("data-for"));
        if (!el || el.getAttribute("data-drawn")) return;
        var fig = JSON.parse(block.textContent);
        // Static charts: no (English) toolbar, no zoom; the data table is folded under each chart.
        Plotly.newPlot(el, fig.data, fig.layout, {
          displayModeBar: false, responsive: true, scrollZoom: false, doubleClick: false
        });
        el.setAttribute("data-drawn", "1");
      });
    });
  }

  // On paper a chart's folded data table is printed open (the chart itself may not print well).
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.wm-chart-table").forEach(function (d) {
      if (!d.open) { d.open = true; d.setAttribute("data-wm-opened", "1"); }
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-wm-opened]").forEach(function (d) {
      d.open = false; d.removeAttribute("data-wm-opened");
    });
  });

  // Print buttons (the honour-roll poster): no inline handlers in the pages.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".wm-print");
    if (button) window.print();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(draw);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
