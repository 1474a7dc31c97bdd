/* The site's frame (main.html, site.css, hooks/components/layout.py): the language bar and the menu button.
 *
 * - The language bar leads to the same place in the other language: the address's #fragment (the
 *   estimator's answers, an anchor such as #desk-antwerp) goes with it. Without this script the links
 *   lead to the same page, from its top.
 * - Material's menu button is a <label> for a hidden checkbox (#__drawer), which a keyboard cannot reach;
 *   here a <button> takes its place. site.css takes the closed drawer out of the Tab order.
 * - The band is sticky on phones: its real height (it may wrap with large text) keeps the header and
 *   focused elements from sliding under it; so does the header's (the site's name may wrap).
 */
(function () {
  "use strict";

  function carryFragment(links) {
    var hash = window.location.hash;
    for (var i = 0; i < links.length; i++) {
      var base = links[i].getAttribute("data-layout-href");
      if (base === null) {
        base = links[i].getAttribute("href");
        links[i].setAttribute("data-layout-href", base);
      }
      links[i].setAttribute("href", base.split("#")[0] + (hash.length > 1 ? hash : ""));
    }
  }

  function startLanguages(bar) {
    var links = bar.querySelectorAll(".layout-languages a");
    var update = function () { carryFragment(links); };
    update();
    window.addEventListener("hashchange", update);
    // The estimator writes its answers with history.replaceState, which fires no event: read the fragment
    // again just before a link is used.
    ["focusin", "pointerdown", "mouseover"].forEach(function (type) { bar.addEventListener(type, update); });
  }

  function startMenu(bar) {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector('.md-header label[for="__drawer"]');
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !label || !drawer) return;
    // A real button in the label's place, with its icon: focusable, named, saying whether the menu is open.
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " layout-menu";
    button.setAttribute("aria-label", bar.getAttribute("data-layout-menu"));
    if (!drawer.id) drawer.id = "layout-drawer";
    button.setAttribute("aria-controls", drawer.id);
    while (label.firstChild) button.appendChild(label.firstChild);
    label.parentNode.replaceChild(button, label);

    function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    function set(open) {
      if (toggle.checked !== open) toggle.click();  // Material follows the checkbox's change event
      sync();
    }
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("click", function (event) {
      set(!toggle.checked);
      // From the keyboard (a click with no pointer position), focus goes to the menu's first link.
      var first = toggle.checked && event.detail === 0 && drawer.querySelector("a[href]");
      if (first) first.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        set(false);
        button.focus();
      }
    });
    // Tabbing out of the open drawer closes it, so that focus never goes on behind its overlay.
    document.addEventListener("focusin", function (event) {
      if (toggle.checked && !drawer.contains(event.target) && event.target !== button) set(false);
    });
  }

  function startBand(bar) {
    var band = bar.closest("[data-md-component=announce]");
    var header = document.querySelector(".md-header");
    if (!band) return;
    function measure() {
      var sticky = window.getComputedStyle(band).position === "sticky";
      var root = document.documentElement.style;
      root.setProperty("--layout-band-height", sticky ? band.offsetHeight + "px" : "0px");
      if (header) root.setProperty("--layout-header-height", header.offsetHeight + "px");
    }
    measure();
    window.addEventListener("resize", measure);
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(measure);
      observer.observe(band);
      if (header) observer.observe(header);
    }
  }

  function init() {
    var bar = document.querySelector('[data-module="layout"]');
    if (!bar) return;
    startLanguages(bar);
    startMenu(bar);
    startBand(bar);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
