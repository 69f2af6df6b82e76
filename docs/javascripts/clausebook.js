// A proposed revision reads as amended; the "Show changes" button shows what it inserts and
// deletes on the page (and then says "Hide changes"), and ?changes=show is a link to the page
// with the changes shown. The button's words are the page's: its own, and data-shown's once
// the changes are shown.
(function () {
  "use strict";
  var PARAMETER = "changes";

  function show(on) {
    document.body.classList.toggle("cb-show-changes", on);
    document.querySelectorAll(".cb-toggle").forEach(function (button) {
      button.dataset.hidden = button.dataset.hidden || button.textContent;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? button.dataset.shown : button.dataset.hidden;
    });
  }

  function start() {
    var buttons = document.querySelectorAll(".cb-toggle");
    if (!buttons.length) {
      return;
    }
    show(new URLSearchParams(window.location.search).get(PARAMETER) === "show");
    document.querySelectorAll(".cb-toggle, .cb-changes-link").forEach(function (element) {
      element.hidden = false;
    });
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var on = !document.body.classList.contains("cb-show-changes");
        show(on);
        var url = new URL(window.location.href);
        if (on) {
          url.searchParams.set(PARAMETER, "show");
        } else {
          url.searchParams.delete(PARAMETER);
        }
        window.history.replaceState(null, "", url);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// A link to a note on this edition opens the collapsed "About this edition" that holds it, in a
// browser that does not open it by itself.
(function () {
  "use strict";

  function reveal() {
    var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var details = target && target.closest("details:not([open])");
    if (details) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  window.addEventListener("hashchange", reveal);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();

// Versions: a link to the same page of another version (or language) keeps the reader's place (the clause the
// address names), and the versions page's date field opens the version in force on that date
// (without script, the page lists each version's dates).
(function () {
  "use strict";

  function keepPlace(event) {
    var link = event.target.closest && event.target.closest("a.cb-keep-place");
    if (link && window.location.hash && !link.hash) {
      link.hash = window.location.hash;
    }
  }

  function inForce(date) {
    var found = null;
    document.querySelectorAll(".cb-versions__entry[data-status='in force'], .cb-versions__entry[data-status='superseded']")
      .forEach(function (entry) {
        var from = entry.getAttribute("data-from");
        var to = entry.getAttribute("data-to");
        if ((!from || from <= date) && (!to || date < to) && (!found || (from && from > (found.getAttribute("data-from") || "")))) {
          found = entry;
        }
      });
    return found;
  }

  function start() {
    var form = document.querySelector("form.cb-in-force");
    if (!form) {
      return;
    }
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var date = form.querySelector("input[type=date]").value;
      var entry = date && inForce(date);
      if (entry) {
        window.location.href = entry.getAttribute("data-href");
      } else {
        form.querySelector(".cb-in-force__result").textContent =
          "No version listed here was in force on that date.";
      }
    });
  }

  document.addEventListener("click", keepPlace);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
