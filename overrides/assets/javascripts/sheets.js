/* Two languages on one sheet (hooks/components/sheets.py, components/sheets.html, sheets.css).
 *
 * Enhances [data-module="sheets"], the control at the end of an essentials page or of an estimate: each of its
 * buttons prints the page (or the estimate) and the same in a second language, French, Dutch or English, side by
 * side: one column each, in its own lang and dir, the page's language on the side its reading starts from. The
 * second language's text is fetched only then, from the site's own assets/sheets/: a page's article, or the
 * estimator's words, with which the estimator's engine draws the same result again (estimator.js, resultIn: the
 * estimate is computed once). Nothing is sent; the sheet is taken away once printed. Without this script the
 * control is hidden (no-js.css) and the page prints in its own language.
 */
(function () {
  "use strict";

  var loaded = {};  // address -> the promise of its text, fetched once

  function load(address) {
    if (!loaded[address]) {
      loaded[address] = fetch(new URL(address, window.location.href).href).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      });
      loaded[address].catch(function () { delete loaded[address]; });  // asked again on the next click
    }
    return loaded[address];
  }

  var element = window.text.element;  /* text.js, loaded first: an element holding a text */

  /* A copy of what the page shows, for a column: without ids (the page keeps its own) and what points at them,
     and nothing a script would enhance. */
  var POINTERS = ["id", "aria-labelledby", "aria-describedby", "aria-controls", "for", "data-module"];

  function inert(node) {
    var copy = node.cloneNode(true);
    [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("*"))).forEach(function (each) {
      POINTERS.forEach(function (name) { each.removeAttribute(name); });
    });
    return copy;
  }

  function column(lang, dir, nodes) {
    var part = element("section", "sheets-part");
    part.setAttribute("lang", lang);
    part.setAttribute("dir", dir);
    nodes.forEach(function (node) { if (node) part.appendChild(node); });
    return part;
  }

  /* A result's lines in a block of the estimator's result, which estimator.css prints in its compact way. */
  function wrapped(nodes) {
    var block = element("div", "estimator-result");
    nodes.forEach(function (node) { if (node) block.appendChild(node); });
    return block;
  }

  function language(node) {
    var lang = node.closest("[lang]");
    var dir = node.closest("[dir]");
    return { lang: lang ? lang.getAttribute("lang") : "", dir: dir ? dir.getAttribute("dir") : "ltr" };
  }

  /* An essentials page: its article, up to the printed footer and this control; beside it, the same page of the
     second language (its article as the build wrote it, sheets.py article_copy). */
  function pageColumns(control, button, text) {
    var article = control.closest(".md-content__inner");
    var own = [];
    Array.prototype.forEach.call(article.children, function (child) {
      if (child === control || child.classList.contains("printing") || child.hasAttribute("data-sheets-sheet")) return;
      own.push(inert(child));
    });
    var parsed = new DOMParser().parseFromString("<!doctype html><body>" + text, "text/html");
    var other = Array.prototype.slice.call(parsed.body.children).map(function (node) {
      return document.importNode(node, true);
    });
    var page = language(article);
    return [column(page.lang, page.dir, own), column(button.getAttribute("lang"), button.getAttribute("dir"), other)];
  }

  /* An estimate: the result as the page prints it, and the same answers' result drawn with the second language's
     words, money, dates and names of countries by the same engine. */
  function estimateColumns(control, text) {
    var texts = JSON.parse(text);
    var root = control.closest('[data-module="estimator"]');
    var other = window.estimator && window.estimator.resultIn ? window.estimator.resultIn(root, texts) : null;
    if (!other) return null;
    var result = control.closest(".estimator-result");
    var own = [inert(root.querySelector("[data-estimator-printed]"))];
    Array.prototype.forEach.call(result.children, function (child) {
      if (child === control || child.matches("[data-estimator-announce], .estimator-share, .estimator-print-button")) return;
      own.push(inert(child));
    });
    var lines = texts.lines;
    var number = element("p", "estimator-next", lines.toll_free + " ");
    var bdi = element("bdi", null, lines.number);
    bdi.setAttribute("dir", "ltr");
    number.appendChild(bdi);
    var theirs = [
      element("p", "estimator-printed", other.printed),
      element("h2", null, lines.title),
      other.output,
      element("p", "estimator-disclaimer", lines.disclaimer),
      element("p", "estimator-date", lines.date),
      element("p", "estimator-next", lines.next),
      number
    ];
    var ownLanguage = language(result);
    return [
      column(ownLanguage.lang, ownLanguage.dir, [wrapped(own)]),
      column(texts.lang, texts.dir, [wrapped(theirs)])
    ];
  }

  /* The two columns in the page, before its printed footer (the free number, the address and its QR code), and
     the page printed; the sheet is taken away when the printing is done or given up. */
  function printSheet(control, columns) {
    var article = control.closest(".md-content__inner");
    Array.prototype.forEach.call(article.querySelectorAll("[data-sheets-sheet]"), function (old) { old.remove(); });
    var sheet = element("div", "sheets-sheet");
    sheet.setAttribute("data-sheets-sheet", "");
    sheet.setAttribute("dir", columns[0].getAttribute("dir"));
    columns.forEach(function (part) { sheet.appendChild(part); });
    article.insertBefore(sheet, article.querySelector(":scope > .printing"));
    document.documentElement.classList.add("sheets-printing");
    var done = function () {
      window.removeEventListener("afterprint", done);
      sheet.remove();
      document.documentElement.classList.remove("sheets-printing");
    };
    window.addEventListener("afterprint", done);
    sheet.setAttribute("data-sheets-ready", "");
    try {
      window.print();
    } catch (error) {
      done();  // the page's own print (Ctrl+P, the estimator's button) must not print this sheet later
      throw error;
    }
  }

  function init(control) {
    var failed = control.querySelector("[data-sheets-failed]");
    var kind = control.getAttribute("data-sheets-kind");
    /* While the second language loads, the control is busy and a second click does nothing (two clicks would
       open two print dialogs, one after the other). */
    var finished = function () {
      control.removeAttribute("data-sheets-state");
      control.removeAttribute("aria-busy");
    };
    control.addEventListener("click", function (event) {
      var button = event.target.closest("[data-sheets-language]");
      if (!button || control.getAttribute("data-sheets-state") === "loading") return;
      failed.textContent = "";
      control.setAttribute("data-sheets-state", "loading");
      control.setAttribute("aria-busy", "true");
      load(button.getAttribute("data-sheets-texts")).then(function (text) {
        var columns = kind === "estimate" ? estimateColumns(control, text) : pageColumns(control, button, text);
        finished();
        if (!columns) throw new Error("no result to print");  // the estimate went away while the texts came
        printSheet(control, columns);
      }).catch(function () {
        finished();
        failed.textContent = failed.getAttribute("data-sheets-message");
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="sheets"]'), init);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
