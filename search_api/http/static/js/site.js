// Progressive enhancement: "copy citation" copies instead of opening the provision page.
// Without JavaScript the links still work (the provision page shows the citation to select).
(function () {
  "use strict";
  var status = document.getElementById("copy-status");
  var timer = null;

  function announce(text) {
    if (!status) return;
    status.textContent = text;
    status.classList.add("show");
    clearTimeout(timer);
    timer = setTimeout(function () { status.classList.remove("show"); }, 2500);
  }

  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return legacyCopy(text); }
      );
    }
    return Promise.resolve(legacyCopy(text));
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest(".copy-cite") : null;
    if (!target || !target.dataset.cite) return;
    event.preventDefault();
    var text = target.dataset.cite;
    copy(text).then(function (ok) {
      if (ok) {
        target.classList.add("copied");
        target.setAttribute("data-copied", text);
        setTimeout(function () { target.classList.remove("copied"); }, 1500);
        announce("Đã sao chép: " + text);
      } else {
        announce("Không sao chép được; hãy chọn và sao chép: " + text);
      }
    });
  });

  document.querySelectorAll("button.copy-cite[hidden]").forEach(function (b) { b.hidden = false; });
  document.documentElement.classList.add("js");
})();
