/* Charts: each element with data-chart names the <script type="application/json"> holding its Vega-Lite
 * description (written by json_script); vega-embed draws it. "ast: true" evaluates Vega expressions
 * with the interpreter bundled in vega-embed instead of the Function constructor, so the
 * Content-Security-Policy needs no 'unsafe-eval'; defaultStyle and tooltip false keep vega-embed and
 * vega-tooltip from adding <style> elements the policy refuses (the data table beside each chart holds
 * the numbers a tooltip would show). */
(function () {
  "use strict";
  document.querySelectorAll("[data-chart]").forEach((element) => {
    const source = document.getElementById(element.dataset.chart);
    if (!source || typeof vegaEmbed !== "function") {
      return;
    }
    vegaEmbed(element, JSON.parse(source.textContent), {
      ast: true, actions: false, defaultStyle: false, tooltip: false, renderer: "svg",
    }).catch(() => {
      element.hidden = true;
    });
  });
})();
