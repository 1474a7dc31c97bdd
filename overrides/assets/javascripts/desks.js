/* The directory of the return desks (data/desks.yml, hooks/components/desks.py, components/desks.html).
 *
 * Enhances [data-module="desks"]: shows the postcode finder, and says whether the line or a desk is
 * open now, in Belgian time. The postcode stays in the browser. Without this script the page still shows
 * every desk and the table of which desk is nearest to which postcodes.
 */
(function () {
  "use strict";

  var DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

  /* text.js, loaded first: {placeholders} filled in, digits of any script read as 0-9. */
  var fill = window.text.fill;

  /* Day and HH:MM in Brussels now, whatever the visitor's own time zone. */
  function belgianNow(date) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Brussels", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    return { day: parts.weekday.slice(0, 3).toLowerCase(), time: parts.hour + ":" + parts.minute };
  }

  /* The moment an editor previews under make serve (SITE_DATE, SITE_TIME: data-desks-day, data-desks-time, set
   * by hooks/components/desks.py), in place of the real one; a published page never carries them. */
  function previewed(root, now) {
    var day = root.getAttribute("data-desks-day");
    var time = root.getAttribute("data-desks-time");
    return {
      day: day ? DAYS[new Date(day + "T12:00:00Z").getUTCDay()] : now.day,
      time: time || now.time
    };
  }

  function isOpen(hours, now) {
    return hours.some(function (slot) {
      return slot.days.indexOf(now.day) !== -1 && slot.from <= now.time && now.time < slot.to;
    });
  }

  /* The postcode in what people type: "1000", "1000 Bruxelles", "B-1000", "B1000", "  2018 ",
   * "Rue Haute 12, 1000 Bruxelles", in the digits of any script: the first group of exactly four digits;
   * else the digits alone when nothing but digits and spaces was typed ("10 00"); else null. */
  function postcodeIn(text) {
    var ascii = window.text.asciiDigits(String(text || ""));
    var groups = ascii.match(/\d+/g) || [];
    for (var i = 0; i < groups.length; i++) {
      if (groups[i].length === 4) return groups[i];
    }
    var compact = ascii.replace(/\s+/g, "");
    return /^\d+$/.test(compact) ? compact : null;
  }

  /* The desk for a typed postcode: {desk, city, postcode}, or {error} naming the message, with the
   * text exactly as typed (without the spaces around it) to quote. */
  function findDesk(ranges, text) {
    var typed = String(text || "").trim();
    if (typed === "") return { error: "empty" };
    var postcode = postcodeIn(typed);
    if (!postcode || !/^[1-9]\d{3}$/.test(postcode)) return { error: "invalid", postcode: typed };
    var number = parseInt(postcode, 10);
    for (var i = 0; i < ranges.length; i++) {
      if (ranges[i].from <= number && number <= ranges[i].to) {
        return { desk: ranges[i].desk, city: ranges[i].city, postcode: postcode };
      }
    }
    return { error: "invalid", postcode: typed };
  }

  function showOpenNow(root, now) {
    var lists = root.querySelectorAll("[data-desks-hours]");
    for (var i = 0; i < lists.length; i++) {
      var hours = JSON.parse(lists[i].getAttribute("data-desks-hours") || "[]");
      var note = lists[i].parentNode.querySelector("[data-desks-open]");
      if (!hours.length || !note) continue;
      var open = isOpen(hours, now);
      note.textContent = note.getAttribute(open ? "data-open-text" : "data-closed-text");
      note.className = "desks-open " + (open ? "desks-open--open" : "desks-open--closed");
    }
  }

  function startFinder(form) {
    var ranges = JSON.parse(form.getAttribute("data-ranges"));
    var input = form.querySelector("input[name=postcode]");
    var message = form.querySelector(".desks-finder__message");

    function clear() {
      message.textContent = "";
      message.className = "desks-finder__message";
      message.removeAttribute("data-desks-found");
      input.removeAttribute("aria-invalid");
    }

    function answer() {
      var found = findDesk(ranges, input.value);
      clear();  // never an old answer beside a new error
      if (found.error) {
        input.setAttribute("aria-invalid", "true");
        message.className = "desks-finder__message desks-finder__message--error";
        message.textContent = fill(form.getAttribute("data-" + found.error), { postcode: found.postcode || "" });
        return;
      }
      message.setAttribute("data-desks-found", found.desk);
      message.appendChild(document.createTextNode(fill(form.getAttribute("data-result"), found) + " "));
      var link = document.createElement("a");
      link.href = "#desk-" + found.desk;
      link.textContent = form.getAttribute("data-see");
      message.appendChild(link);
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); answer(); });
    // While the person types: the answer as soon as a postcode is there; no error before they ask; and an
    // answer for another postcode goes.
    input.addEventListener("input", function () {
      var found = findDesk(ranges, input.value);
      if (found.desk) {
        if (message.getAttribute("data-desks-found") !== found.desk || input.getAttribute("aria-invalid")) answer();
      } else {
        clear();
      }
    });
  }

  window.desks = { findDesk: findDesk, postcodeIn: postcodeIn, isOpen: isOpen, belgianNow: belgianNow };

  function init() {
    var roots = document.querySelectorAll('[data-module="desks"]');
    for (var i = 0; i < roots.length; i++) {
      showOpenNow(roots[i], previewed(roots[i], belgianNow(new Date())));
      var finder = roots[i].querySelector("[data-desks-finder]");
      if (finder) startFinder(finder);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
