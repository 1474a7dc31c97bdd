/* The directory of the return desks (data/desks.yml, hooks/desks.py, partials/desks.html).
 *
 * Enhances [data-module="desks"]: shows the postcode finder, and says whether the line or a desk is
 * open now, in Belgian time. The postcode stays in the browser. Without this script the page still shows
 * every desk and the table of which desk is nearest to which postcodes.
 */
(function () {
  "use strict";

  var DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  /* Day and HH:MM in Brussels now, whatever the visitor's own time zone. */
  function belgianNow(date) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Brussels", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    return { day: parts.weekday.slice(0, 3).toLowerCase(), time: parts.hour + ":" + parts.minute };
  }

  function isOpen(hours, now) {
    return hours.some(function (slot) {
      return slot.days.indexOf(now.day) !== -1 && slot.from <= now.time && now.time < slot.to;
    });
  }

  /* The desk for a typed postcode: {desk, city}, or {error} naming the message. */
  function findDesk(ranges, text) {
    var postcode = String(text || "").replace(/\s+/g, "");
    if (postcode === "") return { error: "empty" };
    if (!/^[1-9]\d{3}$/.test(postcode)) return { error: "invalid", postcode: String(text).trim().slice(0, 20) };
    var number = parseInt(postcode, 10);
    for (var i = 0; i < ranges.length; i++) {
      if (ranges[i].from <= number && number <= ranges[i].to) {
        return { desk: ranges[i].desk, city: ranges[i].city, postcode: postcode };
      }
    }
    return { error: "invalid", postcode: postcode };
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

    function answer() {
      var found = findDesk(ranges, input.value);
      message.textContent = "";
      if (found.error) {
        input.setAttribute("aria-invalid", "true");
        message.className = "desks-finder__message desks-finder__message--error";
        message.textContent = fill(form.getAttribute("data-" + found.error), { postcode: found.postcode || "" });
        return;
      }
      input.removeAttribute("aria-invalid");
      message.className = "desks-finder__message";
      message.setAttribute("data-desks-found", found.desk);
      message.appendChild(document.createTextNode(fill(form.getAttribute("data-result"), found) + " "));
      var link = document.createElement("a");
      link.href = "#desk-" + found.desk;
      link.textContent = form.getAttribute("data-see");
      message.appendChild(link);
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); answer(); });
    input.addEventListener("input", function () {
      if (/^\s*\d{4}\s*$/.test(input.value)) answer();
    });
  }

  window.desks = { findDesk: findDesk, isOpen: isOpen, belgianNow: belgianNow };

  function init() {
    var roots = document.querySelectorAll('[data-module="desks"]');
    for (var i = 0; i < roots.length; i++) {
      showOpenNow(roots[i], belgianNow(new Date()));
      var finder = roots[i].querySelector("[data-desks-finder]");
      if (finder) startFinder(finder);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
