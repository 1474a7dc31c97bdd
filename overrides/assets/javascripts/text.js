/* Text as the site's scripts write and read it, shared by the components (the desks, the estimator, search):
 * a text's {placeholders} filled in, and digits of any script read as 0-9. Loaded before them (mkdocs.yml's
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

  global.text = { fill: fill, asciiDigits: asciiDigits };
})(typeof window !== "undefined" ? window : globalThis);
