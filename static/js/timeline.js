// Keyboard moves between events, details toggle, copy link, focus after htmx swaps.
// Everything here is an enhancement: the pages work without it (links and forms).
(function () {
  "use strict";

  function cards() {
    return Array.prototype.slice.call(document.querySelectorAll(".event-card"));
  }

  function focusCard(card) {
    if (!card) return;
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
  }

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  // After more cards arrive, move focus to the first new one (the control that was clicked is gone).
  var pendingFocus = null;

  function move(step) {
    var all = cards();
    if (!all.length) return;
    var current = document.activeElement && document.activeElement.closest(".event-card");
    var i = all.indexOf(current);
    var next = i < 0 ? (step > 0 ? 0 : all.length - 1) : i + step;
    if (next >= 0 && next < all.length) {
      focusCard(all[next]);
      return;
    }
    // Past either end: load more if the list has more.
    var pager = document.querySelector(step > 0 ? "[data-pager=later]" : "[data-pager=earlier]");
    if (pager && current) {
      pendingFocus = { from: current.getAttribute("data-event-id"), step: step };
      pager.click();
    }
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
    var onCard = e.target.classList && e.target.classList.contains("event-card");
    if (e.key === "j" || (onCard && e.key === "ArrowDown")) {
      e.preventDefault();
      move(1);
    } else if (e.key === "k" || (onCard && e.key === "ArrowUp")) {
      e.preventDefault();
      move(-1);
    } else if (onCard && e.key === "Enter") {
      var control = e.target.querySelector("[data-expand], [data-details-toggle]");
      if (control) {
        e.preventDefault();
        control.click();
      }
    }
  });

  document.addEventListener("click", function (e) {
    var toggle = e.target.closest("[data-details-toggle]");
    if (toggle) {
      var details = document.getElementById(toggle.getAttribute("aria-controls"));
      var open = toggle.getAttribute("aria-expanded") === "true";
      if (details) details.hidden = open;
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      toggle.textContent = open ? "Show details" : "Hide details";
      return;
    }
    var copy = e.target.closest("[data-copy-link]");
    if (copy) {
      var status = document.querySelector("[data-copy-status]");
      var url = copy.getAttribute("data-copy-link");
      var done = function (message) {
        if (status) status.textContent = message;
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(
          function () { done("Link copied."); },
          function () { done("Copy failed: select the link above and copy it."); }
        );
      } else {
        done("Copy is not available here: select the link above and copy it.");
      }
    }
  });

  document.addEventListener("htmx:beforeRequest", function (e) {
    var elt = e.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute("data-pager") && !pendingFocus) {
      var all = cards();
      var later = elt.getAttribute("data-pager") === "later";
      var edge = later ? all[all.length - 1] : all[0];
      if (edge && document.activeElement === elt) {
        pendingFocus = { from: edge.getAttribute("data-event-id"), step: later ? 1 : -1 };
      }
    }
  });

  document.addEventListener("htmx:afterSettle", function (e) {
    var target = e.detail.target;
    // An expanded card replaced the one that had focus: focus the new one.
    if (target && target.classList && target.classList.contains("event-card")) {
      var fresh = document.getElementById(target.id);
      if (fresh) focusCard(fresh);
    }
    if (pendingFocus) {
      var all = cards();
      var from = document.querySelector(".event-card[data-event-id='" + pendingFocus.from + "']");
      var i = all.indexOf(from);
      if (i >= 0 && all[i + pendingFocus.step]) focusCard(all[i + pendingFocus.step]);
      pendingFocus = null;
    }
  });

  document.addEventListener("htmx:afterSwap", function (e) {
    // htmx swaps the outer card out; afterSettle's target is then detached, so remember the id here.
    var target = e.detail.target;
    if (target && target.id && target.id.indexOf("event-") === 0 && !target.isConnected) {
      var fresh = document.getElementById(target.id);
      if (fresh) focusCard(fresh);
    }
  });

  // The density strip follows the reader: the bars of the periods whose cards are on screen are marked.
  var onScreen = new Map();
  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) onScreen.set(entry.target, true);
      else onScreen.delete(entry.target);
    });
    var bars = document.querySelectorAll(".density .bar[data-period]");
    if (!bars.length) return;
    var size = bars[0].getAttribute("data-period").length; // 7 for months, 4 for years
    var shown = new Set();
    onScreen.forEach(function (_, card) {
      var time = card.querySelector("time[datetime]");
      var value = time && time.getAttribute("datetime");
      if (value && value.length >= size) shown.add(value.slice(0, size));
    });
    if (!shown.size) return;
    for (var i = 0; i < bars.length; i++) {
      var on = shown.has(bars[i].getAttribute("data-period"));
      bars[i].classList.toggle("is-current", on);
      if (on) bars[i].setAttribute("aria-current", "true");
      else bars[i].removeAttribute("aria-current");
    }
  }) : null;

  function observeCards(root) {
    if (!observer) return;
    var found = (root || document).querySelectorAll(".event-card");
    for (var i = 0; i < found.length; i++) observer.observe(found[i]);
  }
  document.addEventListener("htmx:load", function (e) {
    if (e.detail.elt.classList && e.detail.elt.classList.contains("event-card")) observeCards(e.detail.elt.parentNode);
    else observeCards(e.detail.elt);
  });

  function ready() {
    observeCards(document);
    var copy = document.querySelectorAll("[data-copy-link]");
    for (var i = 0; i < copy.length; i++) copy[i].hidden = false;
    var fold = document.querySelector("[data-fold-narrow]");
    if (fold && window.matchMedia("(max-width: 48rem)").matches) fold.open = false;
    var hint = document.querySelector("[data-key-hint]");
    if (hint) hint.hidden = false;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
