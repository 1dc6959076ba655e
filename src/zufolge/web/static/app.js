// zufolge web: claim popovers on the article page, file loading on the analyze page.
// No inline script anywhere (the CSP forbids it); the article text is never turned into HTML here:
// the popover shows a clone of a server-rendered, escaped claim card.
(function () {
  "use strict";
  var pop = document.getElementById("popover");
  var text = document.getElementById("text");
  var pinned = null;

  function show(el, claimId) {
    var card = document.getElementById("card-" + claimId);
    if (!card || !pop) return;
    pop.replaceChildren(card.cloneNode(true));
    pop.firstChild.removeAttribute("id");
    pop.hidden = false;
    var r = el.getBoundingClientRect();
    var top = window.scrollY + r.bottom + 6;
    var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8));
    pop.style.top = top + "px";
    pop.style.left = left + "px";
    document.querySelectorAll(".claim.active").forEach(function (c) { c.classList.remove("active"); });
    document.querySelectorAll('.claim[data-claim="' + claimId + '"]').forEach(function (c) { c.classList.add("active"); });
  }

  function hide() {
    if (pinned || !pop) return;
    pop.hidden = true;
    document.querySelectorAll(".claim.active").forEach(function (c) { c.classList.remove("active"); });
  }

  function claimOf(target) {
    var el = target.closest ? target.closest("[data-claim]") : null;
    return el && text && text.contains(el) ? el : null;
  }

  if (text && pop) {
    text.addEventListener("mouseover", function (ev) {
      var el = claimOf(ev.target);
      if (el && !pinned) show(el, el.getAttribute("data-claim"));
    });
    text.addEventListener("mouseout", function (ev) {
      if (claimOf(ev.target) && !claimOf(ev.relatedTarget || document.body)) hide();
    });
    text.addEventListener("focusin", function (ev) {
      var el = claimOf(ev.target);
      if (el) show(el, el.getAttribute("data-claim"));
    });
    text.addEventListener("click", function (ev) {
      var el = claimOf(ev.target);
      if (!el || ev.target.closest("a")) return;
      var id = el.getAttribute("data-claim");
      pinned = pinned === id ? null : id;
      show(el, id);
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { pinned = null; hide(); }
    });
    document.addEventListener("click", function (ev) {
      if (pinned && !claimOf(ev.target) && !pop.contains(ev.target)) { pinned = null; hide(); }
    });
  }

  var file = document.getElementById("file");
  var input = document.getElementById("text-input");
  if (file && input) {
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      var reader = new FileReader();
      reader.onload = function () { input.value = String(reader.result); };
      reader.readAsText(f);
    });
  }
})();
