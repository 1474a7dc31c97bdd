/* Digits as people type them, shared by the components where a number or a postcode is typed (the
 * estimator, the postcode finder of the desks). Loaded before them; also run by the unit tests, in Node.
 */
(function (global) {
  "use strict";

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

  global.digits = { asciiDigits: asciiDigits };
})(typeof window !== "undefined" ? window : globalThis);
