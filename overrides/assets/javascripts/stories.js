/* Return stories (data/stories.yml, hooks/components/stories.py, components/stories.html).
 *
 * Enhances [data-module="stories"]: shows the filters and narrows the list of cards by region and kind
 * of support. Without this script the whole list shows. Nothing is stored or sent.
 */
(function () {
  "use strict";

  function matches(card, region, support) {
    var kinds = (card.getAttribute("data-support") || "").split(" ");
    return (!region || card.getAttribute("data-region") === region) && (!support || kinds.indexOf(support) !== -1);
  }

  function start(root) {
    var form = root.querySelector("[data-stories-filter]");
    if (!form) return;
    var cards = root.querySelectorAll("[data-stories-card]");
    var count = form.querySelector("[data-stories-count]");
    var none = form.querySelector("[data-stories-none]");

    function apply() {
      var shown = 0;
      for (var i = 0; i < cards.length; i++) {
        var visible = matches(cards[i], form.elements.region.value, form.elements.support.value);
        cards[i].hidden = !visible;
        if (visible) shown += 1;
      }
      count.textContent = form.getAttribute("data-shown").replace("{count}", shown).replace("{total}", cards.length);
      none.hidden = shown > 0;
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    apply();
  }

  function init() {
    var roots = document.querySelectorAll('[data-module="stories"]');
    for (var i = 0; i < roots.length; i++) start(roots[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
