// handouts serve: reload this page after each rebuild; show the build's errors over it.
// Injected into served pages only, never written into output/.
(function () {
  "use strict";
  var script = document.currentScript;
  var watch = script.getAttribute("data-watch");
  var epoch = Number(script.getAttribute("data-epoch"));
  var box = null;

  function show(errors) {
    if (!errors.length) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = document.createElement("section");
      box.id = "handouts-preview-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;" +
        "margin:0;padding:1em 1.5em;background:#fff4f2;color:#7a1b0c;border-top:4px solid #b3261e;" +
        "font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;z-index:2147483647;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "The last edit did not build; this page shows the last good build.\n\n" +
      errors.join("\n");
  }

  function poll() {
    fetch("/_preview/wait?watch=" + watch + "&epoch=" + epoch, {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.written > epoch) {  // what this page shows was rebuilt
          location.reload();
          return;
        }
        epoch = state.epoch;
        show(state.errors);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });  // the server restarts or stops
  }

  fetch("/_preview/state", {cache: "no-store"})
    .then(function (response) { return response.json(); })
    .then(function (state) { show(state.errors); })
    .finally(poll);
})();
