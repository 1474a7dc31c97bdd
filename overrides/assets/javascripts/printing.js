/* Every page on paper (hooks/components/printing.py, components/printing.html, printing.css).
 *
 * The printed address and QR code are made at build time for the page's plain address. A page whose
 * answers live in the address's #fragment (the estimator: [data-printing-fragment]) needs them with the
 * fragment: here they are drawn again at the moment of printing, from the address in the browser, with
 * qrcode-generator (vendor/, MIT, 10 KB compressed). Only such pages load it, and only once there are
 * answers (a fragment, or the person typing or choosing): a first visit stays as light. Nothing is sent.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var BORDER = 2;  // quiet zone in modules, as the build-time codes (segno, border=2)

  /* One path of 1x1 squares for the dark modules, like the build-time codes. */
  function qrSvg(text, label) {
    var code = window.qrcode(0, "M");
    code.addData(text, "Byte");
    code.make();
    var count = code.getModuleCount();
    var d = [];
    for (var row = 0; row < count; row++) {
      for (var col = 0; col < count; col++) {
        if (code.isDark(row, col)) d.push("M" + (col + BORDER) + " " + (row + BORDER) + "h1v1h-1z");
      }
    }
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + (count + 2 * BORDER) + " " + (count + 2 * BORDER));
    svg.setAttribute("class", "printing-qr__code");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    svg.setAttribute("shape-rendering", "crispEdges");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", d.join(""));
    path.setAttribute("fill", "#000");
    svg.appendChild(path);
    return svg;
  }

  /* The address in an element, breakable only after a slash or before a '#', '?' or '&' of what follows the
     domain, as core/formats.py's web writes it at build time: never inside a word. */
  function writeAddress(element, address) {
    var start = address.indexOf("://") < 0 ? 0 : address.indexOf("://") + 3;
    var pieces = address.slice(start).replace(/\//g, "/\u0000").replace(/[#?&]/g, "\u0000$&").split("\u0000");
    pieces = pieces.filter(function (piece) { return piece; });
    pieces[0] = address.slice(0, start) + (pieces[0] || "");
    element.textContent = "";
    pieces.forEach(function (piece, index) {
      if (index) element.appendChild(document.createElement("wbr"));
      element.appendChild(document.createTextNode(piece));
    });
  }

  function draw(block, plainLabel) {
    var hash = window.location.hash.length > 1 ? window.location.hash : "";
    var address = block.getAttribute("data-printing-address") + hash;
    if (block.getAttribute("data-printing-qr-text") === address || !window.qrcode) return;
    window.qrcode.stringToBytes = window.qrcode.stringToBytesFuncs["UTF-8"];
    var qr = block.querySelector(".printing-qr");
    qr.textContent = "";
    qr.appendChild(qrSvg(address, block.getAttribute("data-printing-qr-label").replace("{address}", address)));
    writeAddress(block.querySelector(".printing__address"), address);
    block.querySelector(".printing__label").textContent = hash ? block.getAttribute("data-printing-label") : plainLabel;
    block.setAttribute("data-printing-qr-text", address);  // what the code holds
  }

  function loadLibrary(block) {
    if (window.qrcode || block.hasAttribute("data-printing-loading")) return;
    block.setAttribute("data-printing-loading", "");
    var script = document.createElement("script");
    script.src = block.getAttribute("data-printing-library");
    document.head.appendChild(script);
  }

  function init() {
    var block = document.querySelector("[data-printing-fragment]");
    if (!block) return;
    var load = function () { loadLibrary(block); };
    if (window.location.hash.length > 1) load();
    window.addEventListener("hashchange", load);
    // Answers are what the form holds: a word typed in the search box is none.
    var answered = function (event) {
      if (event.target.closest && event.target.closest("form:not([role=search]):not(.search__form)")) load();
    };
    document.addEventListener("input", answered, true);
    document.addEventListener("change", answered, true);
    var plainLabel = block.querySelector(".printing__label").textContent;
    var redraw = function () { draw(block, plainLabel); };
    window.addEventListener("beforeprint", redraw);
    if (window.matchMedia) {
      var print = window.matchMedia("print");
      var onChange = function (event) { if (event.matches) redraw(); };
      if (print.addEventListener) print.addEventListener("change", onChange);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
