// As-you-type suggestions for the search box: fills the <datalist> from /api/suggest.
// Progressive enhancement only: without JavaScript the box is a plain search form.
(function () {
  "use strict";
  var list = document.getElementById("q-suggestions");
  if (!list || !window.fetch) return;
  var timer = null;
  var last = "";
  var controller = null;

  function fill(items) {
    list.textContent = "";
    items.forEach(function (s) {
      var option = document.createElement("option");
      option.value = s.text;
      if (s.label && s.label !== s.text) option.label = s.label;
      list.appendChild(option);
    });
  }

  function ask(q) {
    if (controller) controller.abort();
    controller = typeof AbortController === "function" ? new AbortController() : null;
    fetch("/api/suggest?q=" + encodeURIComponent(q), {
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined
    })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (q === last) fill(data.suggestions || []); })
      .catch(function () { /* aborted or offline: keep the list as it was */ });
  }

  document.querySelectorAll('input[list="q-suggestions"]').forEach(function (input) {
    input.addEventListener("input", function () {
      var q = input.value;
      if (q === last) return;
      last = q;
      clearTimeout(timer);
      if (q.trim().length < 2) { fill([]); return; }
      timer = setTimeout(function () { ask(q); }, 120);
    });
  });
})();
