/* Text as the site's scripts write and read it, shared by the components (the desks, the estimator, search, the sheets):
 * a text's {placeholders} filled in, a list as the page's language writes it, digits of any script read
 * as 0-9, and an element holding a text. Loaded before them (mkdocs.yml's
 * extra_javascript, joined into one bundle by the build); also run by the unit tests, in Node.
 */
(function (global) {
  "use strict";

  /* "{count} pages" with {count: 3}: "3 pages"; a placeholder without a value stays as it is. */
  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  /* ["a", "b", "c"] as the language writes a list, from CLDR's patterns that the page carries (core/formats.py
   * for_scripts: {"2", start, middle, end}): "a, b et c", "a، b و c", "a、b和c". */
  function list(items, patterns) {
    var count = items.length;
    if (count < 2) return count ? String(items[0]) : "";
    if (count === 2) return fill(patterns["2"], { 0: items[0], 1: items[1] });
    var written = fill(patterns.end, { 0: items[count - 2], 1: items[count - 1] });
    for (var index = count - 3; index >= 0; index--) {
      written = fill(index === 0 ? patterns.start : patterns.middle, { 0: items[index], 1: written });
    }
    return written;
  }

  /* Digits of any script as 0-9: "٣" (Arabic-Indic), "۳" (Persian) or "१" (Devanagari) are numbers too.
   * NFKC folds the compatibility digits (full width "１", mathematical); the others are runs of ten in
   * Unicode, from their zero. */
  function asciiDigits(text) {
    return String(text).normalize("NFKC").replace(/\p{Nd}/gu, function (digit) {
      var code = digit.codePointAt(0);
      var zero = code;
      while (zero > code - 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
      return String(code - zero);
    });
  }

  /* A new element with its class and its text (as text, never as HTML): element("p", "estimator-message", "…"). */
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  global.text = { fill: fill, list: list, asciiDigits: asciiDigits, element: element };
})(typeof window !== "undefined" ? window : globalThis);
