// careerbook serve: reloads the page after each rebuild, and shows build
// errors over the page (the page itself stays the last good version).
(function () {
  "use strict";
  var cfg = window.__careerbook || {};
  var generation = cfg.generation;

  function overlay(text) {
    var el = document.getElementById("careerbook-overlay");
    if (!text) {
      if (el) el.remove();
      return;
    }
    if (!el) {
      el = document.createElement("div");
      el.id = "careerbook-overlay";
      el.setAttribute("role", "alert");
      el.setAttribute("style", cfg.style || "");
      document.body.appendChild(el);
    }
    var title = document.createElement("strong");
    title.textContent = cfg.title || "The last change did not build.";
    var pre = document.createElement("pre");
    pre.textContent = text;
    pre.setAttribute("style", "white-space:pre-wrap;margin:.5em 0 0");
    el.replaceChildren(title, pre);
  }

  function listen() {
    var events = new EventSource(cfg.url || "/__careerbook/livereload");
    events.addEventListener("state", function (e) {
      var state = JSON.parse(e.data);
      if (state.error) {
        overlay(state.error);
        generation = state.generation;
      } else if (state.generation !== generation) {
        window.location.reload();
      }
    });
    // The browser retries a dropped stream by itself, but not one the
    // server refused (it allows a limited number at once): try again later.
    events.addEventListener("error", function () {
      if (events.readyState === EventSource.CLOSED) {
        setTimeout(listen, 10000);
      }
    });
  }
  listen();
})();
