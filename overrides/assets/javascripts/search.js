/* Search (data/search.yml, hooks/components/search.py, partials/search.html).
 *
 * Enhances [data-search]: the button opens a search box. Only then, or when the box gets the focus, are
 * the engine (the theme's search worker: lunr and the language's stemmer) and the index of the page's
 * language fetched; a visitor who never searches downloads none of it. What the visitor types stays in
 * the browser. Words match without accents and after an apostrophe (d'asile), and the names and everyday
 * words of data/search.yml and the glossary also find the words the pages use. Without this script the
 * header shows a link to the list of every page instead.
 *
 * The keyboard. The button and its panel are a disclosure (aria-expanded, aria-controls), not a modal
 * dialog: the panel lies over part of the page, which stays usable beside it. So it does not hold the
 * focus: it closes as soon as the focus goes outside it and its button (Tab after the last result,
 * Shift+Tab before the button, a click on the page), as the menu does (layout.js). Left open, it covered
 * every Tab stop after its last result. Escape closes it from anywhere in it and gives the focus back to
 * the button. The results are an ordered list of links, each a Tab stop; the arrow keys also move among
 * them (down from the box to the first, up from the first back to the box, Home and End), and Enter
 * follows the focused one as on any link. Not a listbox or a combobox: a result is a link (a new tab, its
 * address copied) with a title and a snippet, and an option cannot hold a link; an option's name would be
 * the whole snippet read at once.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-search]");
  if (!root) return;

  var fill = window.text.fill;  /* text.js, loaded first: a text's {placeholders} filled in */
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // the messages of the theme's search worker
  var SHOWN = 10;
  var open = root.querySelector(".search__open");
  var panel = root.querySelector(".search__panel");
  var form = root.querySelector(".search__form");
  var input = root.querySelector(".search__input");
  var close = root.querySelector(".search__close");
  var count = root.querySelector(".search__count");
  var none = root.querySelector(".search__none");
  var list = root.querySelector(".search__results");
  var engine = null;
  var separator = null;
  var pending = null;
  var asked = "";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* Chinese writes no space between words: a run of Han characters is looked for by its pairs of characters
     (自愿回国: 自愿 愿回 回国), in the pages as in what is typed, so that a word inside a sentence is found. */
  var HAN = /\p{Script=Han}+/gu;
  function pairs(word) {
    return word.replace(HAN, function (run) {
      if (run.length < 3) return " " + run + " ";
      var found = [];
      for (var i = 0; i < run.length - 1; i++) found.push(run.slice(i, i + 2));
      return " " + found.join(" ") + " ";
    }).split(" ");
  }

  function words(text) {
    return fold(text).split(separator).reduce(function (all, word) {
      return word ? all.concat(pairs(word)) : all;
    }, []).filter(function (word) { return word; });
  }

  /* The engine, started once: the index first (it names the worker's settings), then the worker. */
  function load() {
    if (engine) return engine;
    count.textContent = root.getAttribute("data-search-loading");
    engine = fetch(root.getAttribute("data-search-index")).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (index) {
      separator = new RegExp(index.config.separator, "g");
      var docs = index.docs.map(function (doc) {
        return { location: doc.location, title: words(doc.title + " " + (doc.also || "")).join(" "),
                 text: words(doc.text).join(" "),
                 shown: doc.title, body: doc.text, lang: doc.lang };
      });
      return new Promise(function (resolve, reject) {
        var worker = new Worker(root.getAttribute("data-search-worker"));
        worker.onerror = reject;
        worker.onmessage = function (event) {
          if (event.data.type === READY) resolve({ worker: worker, expansions: index.expansions });
          if (event.data.type === RESULT && pending) pending(event.data.data);
        };
        worker.postMessage({ type: SETUP, data: { config: index.config, docs: docs, options: index.options } });
      });
    });
    engine.then(function () { if (count.textContent === root.getAttribute("data-search-loading")) count.textContent = ""; },
      function () { count.textContent = root.getAttribute("data-search-failed"); engine = null; });
    return engine;
  }

  /* A word worth looking for: two letters or more, or one Han character (a word in Chinese). */
  function searched(word) {
    return word.length > 1 || /\p{Script=Han}/u.test(word);
  }

  /* The visitor's words, then the site's words for the names and synonyms among them. */
  function terms(typed, expansions) {
    var found = words(typed).filter(function (word) { return searched(word) && word !== "qu"; });
    var typedCount = found.length;
    var padded = " " + found.join(" ") + " ";
    expansions.forEach(function (expansion) {
      if (expansion[0].some(function (form) { return padded.indexOf(" " + form + " ") !== -1; }))
        found = found.concat(expansion[1].split(" "));
    });
    found = found.filter(function (word, index) { return searched(word) && found.indexOf(word) === index; });
    found.typed = typedCount;
    return found;
  }

  /* Each word is looked for stemmed (word^1: the worker leaves it whole); the last word typed also as the
     start of a longer one (the worker adds * to it), for a word still being typed or a Dutch compound. */
  function query(list) {
    return list.map(function (word, index) {
      return index === list.typed - 1 && word.length > 2 ? word + "^1 " + word : word + "^1";
    }).join(" ");
  }

  /* Part of a text around the first of the words, with each of them marked; built as nodes, never as HTML. */
  function snippet(text, list) {
    var folded = fold(text);
    var stems = list.map(function (word) { return word.length > 5 ? word.slice(0, word.length - 2) : word; });
    var pattern = new RegExp("(^|[^a-z0-9])(" + stems.map(function (stem) {
      return stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|") + ")[a-z0-9]*", "g");
    var marks = [], match;
    while ((match = pattern.exec(folded)) && marks.length < 20) {
      var start = match.index + match[1].length;
      marks.push([start, match.index + match[0].length]);
    }
    var from = marks.length ? Math.max(0, text.lastIndexOf(" ", Math.max(0, marks[0][0] - 50)) + 1) : 0;
    var to = Math.min(text.length, from + 180);
    if (to < text.length) to = text.lastIndexOf(" ", to) > from ? text.lastIndexOf(" ", to) : to;
    var element = document.createElement("span");
    element.className = "search__snippet";
    var cursor = from;
    if (from > 0) element.appendChild(document.createTextNode("… "));
    marks.forEach(function (mark) {
      if (mark[0] < cursor || mark[1] > to) return;
      element.appendChild(document.createTextNode(text.slice(cursor, mark[0])));
      var marked = document.createElement("mark");
      marked.textContent = text.slice(mark[0], mark[1]);
      element.appendChild(marked);
      cursor = mark[1];
    });
    element.appendChild(document.createTextNode(text.slice(cursor, to) + (to < text.length ? " …" : "")));
    return element;
  }

  function show(result, list, typed) {
    var base = new URL(root.getAttribute("data-search-index").replace(/search\/search_index\.json$/, ""), location.href);
    /* A page that answers in several of its sections comes before one that mentions the words once. */
    var groups = (result.items || []).map(function (group, order) {
      return { group: group, order: order, score: group.reduce(function (sum, item) { return sum + item.score; }, 0) };
    }).sort(function (a, b) { return b.score - a.score || a.order - b.order; }).map(function (entry) { return entry.group; });
    list.textContent = "";
    groups.slice(0, SHOWN).forEach(function (group) {
      var best = group[0];
      var page = best.parent || best;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(best.location, base).href;
      var title = document.createElement("span");
      title.className = "search__title";
      title.textContent = best.parent ? page.shown + " › " + best.shown : page.shown;
      link.appendChild(title);
      link.appendChild(snippet(best.body || page.body || "", terms(typed, [])));
      /* A country's name from another language (the estimator's), with its lang. */
      if (best.lang && !best.parent) link.lang = best.lang;
      item.appendChild(link);
      list.appendChild(item);
    });
    list.setAttribute("data-query", typed);  // which search the list answers (the tests wait for it)
    none.hidden = groups.length > 0;
    count.textContent = groups.length === 0 ? fill(root.getAttribute("data-search-none"), { query: typed })
      : fill(root.getAttribute(groups.length === 1 ? "data-search-found-one" : "data-search-found-other"),
             { count: groups.length });
  }

  function search() {
    var typed = input.value.trim();
    asked = typed;
    if (typed.length < 2) {
      list.textContent = "";
      none.hidden = true;
      count.textContent = "";
      return;
    }
    load().then(function (ready) {
      var wanted = terms(typed, ready.expansions);
      if (!wanted.length) return show({ items: [] }, list, typed);
      pending = function (result) {
        if (typed === asked) show(result, list, typed);
      };
      ready.worker.postMessage({ type: QUERY, data: query(wanted) });
    });
  }

  /* Open (the focus goes into the box) or close; a panel closed because the focus or a click went elsewhere
     leaves the focus there (back is false). */
  function toggle(shown, back) {
    if (shown === !panel.hidden) return;
    panel.hidden = !shown;
    open.setAttribute("aria-expanded", String(shown));
    if (shown) {
      load();
      input.focus();
    } else if (back !== false) {
      open.focus();
    }
  }

  /* The element the arrow keys, Home or End move to from the focused one, or null. */
  function arrowTarget(key) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (!links.length) return null;
    if (at === -1) return key === "ArrowDown" && document.activeElement === input ? links[0] : null;
    if (key === "ArrowDown") return links[Math.min(at + 1, links.length - 1)];
    if (key === "ArrowUp") return at === 0 ? input : links[at - 1];
    if (key === "Home") return links[0];
    if (key === "End") return links[links.length - 1];
    return null;
  }

  var timer = null;
  open.addEventListener("click", function () { toggle(panel.hidden); });
  close.addEventListener("click", function () { toggle(false); });
  document.addEventListener("focusin", function (event) {
    if (!root.contains(event.target)) toggle(false, false);
  });
  document.addEventListener("pointerdown", function (event) {
    if (!root.contains(event.target)) toggle(false, false);
  });
  input.addEventListener("focus", load);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  root.addEventListener("keydown", function (event) {
    if (panel.hidden || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape") {
      event.preventDefault();
      toggle(false);
      return;
    }
    var target = event.shiftKey ? null : arrowTarget(event.key);
    if (target) {
      event.preventDefault();
      target.focus();
    }
  });
})();
