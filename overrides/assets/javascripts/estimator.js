/* The support estimator (data/estimator.yml, data/countries.yml, hooks/components/estimator.py, components/estimator.html).
 *
 * Enhances [data-module="estimator"]: shows the form the rule set in force asks for, computes the support in
 * the browser from the rules the page carries, and keeps the answers in the address's #fragment, which
 * browsers never send to a server. Nothing is sent, nothing is stored. Without this script the page shows
 * the full table of rules. The rules engine (estimate) is also run by the unit tests, in Node.
 */
(function () {
  "use strict";

  var COUNTS = ["adults", "children"];
  var CHOICES = ["situation", "vulnerable", "project", "previous_support"];
  var SITUATIONS = ["asylum_seeker", "refused", "no_procedure", "unknown"];
  var SECTIONS = ["service", "cash", "in_kind", "possible", "not_possible"];
  var ANNOUNCE_DELAY = 700;

  /* A text's digits in the language's own (CLDR: ۰-۹ in Farsi and Pashto), when they are not 0-9. */
  function localDigits(text, money) {
    var written = String(text);
    return money.digits ? written.replace(/[0-9]/g, function (d) { return money.digits.charAt(+d); }) : written;
  }

  /* Whole euros as the page's language writes them; the pattern comes from data/ui.yml (money). */
  function formatMoney(amount, money) {
    var digits = String(Math.abs(Math.round(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, money.group);
    return localDigits(money.pattern.replace("{amount}", digits), money);
  }

  /* text.js, loaded first (in the unit tests too): {placeholders} filled in, a list as the page's language
   * writes it, digits of any script as 0-9, an element holding a text. */
  var shared = (typeof window !== "undefined" ? window : globalThis).text;
  var fill = shared.fill;
  var listText = shared.list;
  var asciiDigits = shared.asciiDigits;
  var element = shared.element;

  /* A number of people as typed: {value} or {error, values} naming the message in ui.yml. */
  function parseCount(text, limit) {
    var typed = String(text == null ? "" : text);
    var trimmed = asciiDigits(typed).trim();
    if (trimmed === "") return { error: "error_empty", values: {} };
    if (/^[-\u2212]\s*\d+$/.test(trimmed)) return { error: "error_too_small", values: { min: limit.min } };
    if (!/^\d+$/.test(trimmed)) return { error: "error_not_number", values: { value: typed.trim().slice(0, 40) } };
    var value = parseInt(trimmed, 10);
    if (value < limit.min) return { error: "error_too_small", values: { min: limit.min } };
    if (value > limit.max) return { error: "error_too_large", values: { max: limit.max } };
    return { value: value };
  }

  /* A country's name as matching compares it (hooks/components/estimator.py fold_name, the same steps and the same table,
   * which the page carries): no capitals, accents or marks; Arabic's hamza, ta marbuta and alef forms, Serbian
   * Cyrillic and traditional Chinese folded; no punctuation, articles or spaces. */
  function foldName(text, rules) {
    var characters = rules.characters;
    var letters = String(text).normalize("NFKD").toLowerCase().replace(/\p{M}+/gu, "")
      .replace(/[^a-z0-9]/gu, function (char) {
        return Object.prototype.hasOwnProperty.call(characters, char) ? characters[char] : char;
      });
    return letters.split(/[^\p{L}\p{N}]+/u).filter(function (word) {
      return word && rules.stop.indexOf(word) === -1;
    }).map(function (word) {
      return word.indexOf(rules.article) === 0 && Array.from(word).length > 3 ? word.slice(rules.article.length) : word;
    }).join("");
  }

  /* Typing mistakes between two folded names (a letter missing, added, changed, or two swapped), counted up to
   * most + 1: beyond that the names are too far apart to be the same. */
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = [], previous = [], current = [];
    for (var j = 0; j <= b.length; j++) previous[j] = j;
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current[j] = value;
        if (value < best) best = value;
      }
      if (best > most) return most + 1;
      before = previous;
      previous = current;
    }
    return Math.min(previous[b.length], most + 1);
  }

  var TYPO_LENGTH = 6;  /* names of six letters or more tolerate two typing mistakes */
  var MOST_MISTAKES = 2;
  var SUGGESTED = 3;

  /* The names index: {key: [codes]} from {code: "key key ..."}. */
  function nameIndex(names) {
    var byKey = {};
    Object.keys(names).forEach(function (code) {
      names[code].split(" ").forEach(function (key) {
        if (!key) return;
        if (!byKey[key]) byKey[key] = [];
        if (byKey[key].indexOf(code) === -1) byKey[key].push(code);
      });
    });
    return byKey;
  }

  /* What a typed name finds: {codes: [one]} a country, {codes: [two or more]} a name several countries have,
   * or {codes: [], suggestions: [codes]}: the countries whose names start with it, or are at most two typing
   * mistakes away from it (names of six letters or more), nearest first. */
  function findCountry(typed, byKey, rules, exactOnly) {
    var key = foldName(typed, rules);
    if (!key) return { key: key, codes: [], suggestions: [] };
    if (byKey[key]) return { key: key, codes: byKey[key].slice(), suggestions: [] };
    if (exactOnly) return { key: key, codes: [], suggestions: [] };
    var found = {};
    var length = Array.from(key).length;
    Object.keys(byKey).forEach(function (name) {
      var score = null;
      if (length >= 3 && name.indexOf(key) === 0) score = 0.5;
      else if (length >= 4 && Array.from(name).length >= TYPO_LENGTH) {
        var mistakes = distance(key, name, MOST_MISTAKES);
        if (mistakes <= MOST_MISTAKES) score = mistakes;
      }
      if (score === null) return;
      byKey[name].forEach(function (code) {
        if (!(code in found) || score < found[code]) found[code] = score;
      });
    });
    var codes = Object.keys(found).sort(function (a, b) { return found[a] - found[b] || (a < b ? -1 : 1); });
    /* A beginning that half the list shares says nothing yet. */
    var prefixOnly = codes.filter(function (code) { return found[code] === 0.5; }).length;
    if (prefixOnly > SUGGESTED) codes = codes.filter(function (code) { return found[code] !== 0.5; });
    return { key: key, codes: [], suggestions: codes.slice(0, SUGGESTED) };
  }

  function itemGroups(item) {
    return item.destinations || Object.keys(item.amounts || {});
  }

  /* What one rule set gives to one destination group, by section of the answer. */
  function evaluate(rules, group, answers) {
    var result = { group: group, state: "supported", sections: {} };
    SECTIONS.forEach(function (name) { result.sections[name] = []; });
    var people = answers.adults + answers.children;
    var childrenCount = !answers.vulnerable && rules.vulnerable_with_children && answers.children > 0;
    var vulnerable = answers.vulnerable || childrenCount;
    var forVulnerable = rules.items.some(function (item) {
      return item.when === "vulnerable" && itemGroups(item).indexOf(group) !== -1;
    });
    /* An item given in place of another here (reintegration for a vulnerable person): the other is not said to
       be "not possible" beside it. One kind of support appears once. */
    var standsIn = rules.items.filter(function (item) {
      return item.instead_of && itemGroups(item).indexOf(group) !== -1 && (item.when !== "vulnerable" || vulnerable);
    }).map(function (item) { return item.instead_of; });
    rules.items.forEach(function (item) {
      if (itemGroups(item).indexOf(group) === -1) {
        if ((item.certainty === "certain" || item.depends_on) && standsIn.indexOf(item.id) === -1) {
          result.sections.not_possible.push({ id: item.id, reason: forVulnerable && !vulnerable ? "reason_destination_vulnerable" : "reason_destination" });
        }
        return;
      }
      var certainty = item.certainty;
      var because = item.depends_on ? "counsellor_checks" : null;
      if (item.situations) {
        if (answers.situation === "unknown") {
          certainty = "possible";
          because = "if_situation";
        } else if (item.situations.indexOf(answers.situation) === -1) {
          if (item.certainty === "certain") result.sections.not_possible.push({ id: item.id, reason: "reason_situation" });
          return;
        }
      }
      if (item.when === "vulnerable" && !vulnerable) return;
      if (item.when === "project" && !answers.project) return;
      if (item.when === "family" && people < 2) return;
      if (item.when === "vulnerable" && childrenCount) because = "because_children";
      var spec = item.amounts ? item.amounts[group] : undefined;
      var amount = null;
      if (spec) amount = (spec.per_adult || 0) * answers.adults + (spec.per_child || 0) * answers.children + (spec.per_file || 0);
      result.sections[certainty === "possible" ? "possible" : item.kind].push({
        id: item.id, kind: item.kind, amount: amount, unknown: spec === null, upTo: !!(spec && spec.up_to),
        because: because, paid: item.paid || null, spec: spec || null
      });
    });
    return result;
  }

  /* The rules engine: answers -> one case, or each possible case side by side when the country is not known.
   * answers: {destination: "GE" | "unknown", situation, adults, children, vulnerable, project, previous_support}
   * countries: {code: group}; cases: the groups to show side by side for "I don't know yet". */
  function estimate(rules, countries, answers, cases) {
    var excluded = rules.excluded || [];
    if (answers.previous_support && excluded.indexOf("previous_support") !== -1) {
      return { cases: [{ group: null, state: "excluded", reason: "previous_support" }] };
    }
    if (answers.destination === "unknown") {
      return { cases: cases.map(function (group) { return evaluate(rules, group, answers); }) };
    }
    var group = countries[answers.destination];
    if (group === "eu_15" && excluded.indexOf("eu_15") !== -1) {
      return { cases: [{ group: group, state: "excluded", reason: "eu_15" }] };
    }
    if (rules.destinations.indexOf(group) === -1) return { cases: [{ group: group, state: "unsettled" }] };
    return { cases: [evaluate(rules, group, answers)] };
  }

  /* Answers from the address's fragment: #destination=GE&adults=2&children=1&vulnerable=no&previous_support=no */
  function readFragment(hash) {
    var answers = {};
    String(hash || "").replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 1) return;
      try {
        answers[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
      } catch (error) {
        /* a broken escape in a pasted address: ignore that pair */
      }
    });
    return answers;
  }

  /* A text of the page with nodes in its {placeholders}: "jusqu'à {amount}" with the amount's isolate. */
  function fillNodes(template, values) {
    var fragment = document.createDocumentFragment();
    String(template).split(/(\{\w+\})/).forEach(function (piece) {
      var key = /^\{(\w+)\}$/.exec(piece);
      var value = key && Object.prototype.hasOwnProperty.call(values, key[1]) ? values[key[1]] : piece;
      if (value === "") return;
      fragment.appendChild(typeof value === "string" ? document.createTextNode(value) : value);
    });
    return fragment;
  }

  function Estimator(root) {
    var data = JSON.parse(root.querySelector("[data-estimator-data]").textContent);
    data.names = {};
    data.countries = {};
    /* A name the language lacks is another language's (components/estimator.py): its lang goes with it. */
    data.langs = {};
    Array.prototype.forEach.call(root.querySelectorAll("option[data-code]"), function (option) {
      data.names[option.getAttribute("data-code")] = option.value;
      data.countries[option.getAttribute("data-code")] = option.getAttribute("data-group");
      if (option.lang) data.langs[option.getAttribute("data-code")] = option.lang;
    });
    this.data = data;
    this.rules = data.rules;
    this.strings = data.strings;
    this.money = data.money;
    this.text = data.text;
    this.root = root;
    this.form = root.querySelector("[data-estimator-form]");
    this.output = root.querySelector("[data-estimator-output]");
    this.announcer = root.querySelector("[data-estimator-announce]");
    this.choices = root.querySelector("[data-estimator-choices]");
    this.call = root.querySelector("[data-estimator-call]");
    this.childrenNote = root.querySelector("[data-estimator-children-note]");
    this.destination = this.form.elements.destination;
    /* Until every language's names come (loadNames), the page's own names of the countries find them. */
    var own = {};
    Object.keys(data.names).forEach(function (code) { own[code] = foldName(data.names[code], data.fold); });
    this.byKey = nameIndex(own);
    var byKey = this.byKey;
    Object.keys(data.shared).forEach(function (key) { byKey[key] = data.shared[key]; });
    this.unknownKey = foldName(this.strings.destination_unknown, data.fold);
    /* Whether the person has answered anything: until then the address holds nothing. */
    this.answered = false;
    /* The person's own answer to the vulnerability question, kept while children counted answer it. */
    this.ownVulnerable = null;
  }

  /* Every country's names in every language and script (hooks/components/estimator.py names_file), one file for the whole
   * site, fetched only when the page's own names do not find what is typed: a first visit does not pay for it,
   * nor a person who types the name in the page's language. Then what is on screen is matched again. Without
   * it, the page's own names still work. */
  Estimator.prototype.loadNames = function () {
    var self = this;
    if (this.namesAsked || typeof fetch === "undefined") return;
    this.namesAsked = true;
    this.root.setAttribute("data-estimator-names", "loading");
    fetch(new URL(this.data.namesFile, window.location.href).href).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (names) {
      self.byKey = nameIndex(names.keys);
      self.root.setAttribute("data-estimator-names", "loaded");
      self.fillShared();
      self.update(self.lastStrict || !!self.destination.value);
    }).catch(function () {
      self.namesAsked = false;  /* asked again the next time it is needed */
      self.root.removeAttribute("data-estimator-names");
    });
  };

  /* Whether the page's own names cannot be what is typed: no name of the page's language is it or begins with
   * it; or the person has left the field with a name not found; or the address names no country by its code. */
  Estimator.prototype.needsNames = function (strict) {
    if (this.namesAsked) return false;
    var key = foldName(this.destination.value, this.data.fold);
    if (!key) return false;
    if (strict) return !(this.byKey[key] && this.byKey[key].length === 1);
    return !Object.keys(this.byKey).some(function (name) { return name.indexOf(key) === 0; });
  };

  /* A text of data/ui.yml with its {values}; the numbers among them in the language's digits. */
  Estimator.prototype.t = function (key, values) {
    var money = this.money;
    var shown = {};
    Object.keys(values || {}).forEach(function (name) {
      shown[name] = typeof values[name] === "number" ? localDigits(values[name], money) : values[name];
    });
    return fill(this.strings[key], shown);
  };

  /* A value (an amount, a count) as one isolate in the page's direction, as core/formats.py's value(): in a
   * right-to-left sentence its digits and signs stay together, read in the language's direction. wraps: a
   * sum of amounts, which may break between its terms. */
  Estimator.prototype.value = function (text, wraps) {
    var node = element("bdi", wraps ? "formats-value formats-value--wraps" : "formats-value", text);
    node.setAttribute("dir", this.text.dir);
    return node;
  };

  /* A country's name, with its lang where it is another language's. */
  Estimator.prototype.name = function (code, node) {
    var shown = node || element("span");
    shown.textContent = this.data.names[code];
    if (this.data.langs[code]) shown.setAttribute("lang", this.data.langs[code]);
    return shown;
  };

  Estimator.prototype.asks = function (question) {
    return this.rules.questions.indexOf(question) !== -1;
  };

  /* The country typed: {code} (a country code or "unknown"), {empty}, {ambiguous: [codes]}, or {unknownText,
   * suggestions: [codes]}. */
  Estimator.prototype.country = function (strict) {
    var typed = this.destination.value;
    if (!typed.trim()) return { empty: true };
    /* A country chosen by its button or its code keeps its code while its name is unchanged: Congo's Lingala
       name, Kongo, is also a name of the other Congo. */
    if (this.picked && typed === this.picked.value) return { code: this.picked.code };
    /* Suggestions only once the person leaves the field: a keystroke looks up the name alone. */
    var found = findCountry(typed, this.byKey, this.data.fold, !strict);
    if (found.key && found.key === this.unknownKey) return { code: "unknown" };
    if (found.codes.length === 1) return { code: found.codes[0] };
    if (found.codes.length > 1) return { ambiguous: found.codes, typed: typed.trim() };
    return { unknownText: typed.trim(), suggestions: found.suggestions };
  };

  Estimator.prototype.raw = function (country) {
    var form = this.form;
    var self = this;
    var raw = {};
    raw.destination = country.code || null;
    COUNTS.forEach(function (name) { raw[name] = form.elements[name].value; });
    CHOICES.forEach(function (name) {
      var checked = form.querySelector("input[name=" + name + "]:checked");
      raw[name] = checked ? checked.value : null;
    });
    if (this.childrenNote && !this.childrenNote.hidden) raw.vulnerable = self.ownVulnerable;
    return raw;
  };

  /* Children counted answer the vulnerability question (a family with children under 18 always counts): "Yes",
   * which the person cannot change, with the reason; without children the person's own answer comes back. */
  Estimator.prototype.syncVulnerable = function (children) {
    var note = this.childrenNote;
    if (!note || !this.asks("vulnerable")) return;
    var inputs = this.form.querySelectorAll("input[name=vulnerable]");
    var counted = children > 0;
    if (counted === !note.hidden) return;
    if (counted) {
      var own = this.form.querySelector("input[name=vulnerable]:checked");
      this.ownVulnerable = own ? own.value : null;
    }
    note.hidden = !counted;
    Array.prototype.forEach.call(inputs, function (input) {
      input.disabled = counted;
      input.checked = counted ? input.value === "yes" : false;
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id !== note.id;
      });
      if (counted) described.push(note.id);
      input.setAttribute("aria-describedby", described.join(" "));
    });
    if (!counted && this.ownVulnerable) {
      this.form.querySelector("input[name=vulnerable][value=" + this.ownVulnerable + "]").checked = true;
    }
  };

  Estimator.prototype.load = function (raw) {
    var self = this;
    var form = this.form;
    if (raw.destination === "unknown") this.destination.value = this.strings.destination_unknown;
    else if (this.data.names[raw.destination]) this.pick(raw.destination);
    /* A name of several countries, from search (#destination=Congo): typed in, it asks which. */
    else if (raw.destination) this.shared = raw.destination;
    this.fillShared();
    COUNTS.forEach(function (name) {
      if (raw[name] !== undefined) form.elements[name].value = raw[name];
    });
    CHOICES.forEach(function (name) {
      if (!self.asks(name)) return;
      var value = raw[name];
      if (name === "situation") {
        if (SITUATIONS.indexOf(value) !== -1) form.querySelector("input[name=situation][value=" + value + "]").checked = true;
        return;
      }
      if (name === "vulnerable") {
        /* No answer in the address is no answer: the question has no default. */
        var own = value === "yes" || value === "no" ? value : null;
        if (self.childrenNote && !self.childrenNote.hidden) { self.ownVulnerable = own; return; }
        Array.prototype.forEach.call(form.querySelectorAll("input[name=vulnerable]"), function (input) {
          input.checked = input.value === own;
        });
        return;
      }
      var input = form.querySelector("input[name=" + name + "][value=" + (value === "yes" ? "yes" : "no") + "]");
      if (input) input.checked = true;
    });
  };

  /* A name of several countries from the address, once the names say it is one: typed in, it asks which. */
  Estimator.prototype.fillShared = function () {
    if (!this.shared || this.destination.value) return;
    if (findCountry(this.shared, this.byKey, this.data.fold).codes.length > 1) {
      this.destination.value = this.shared.slice(0, 60);
      this.shared = null;
    }
  };

  Estimator.prototype.pick = function (code) {
    this.destination.value = this.data.names[code];
    this.picked = { value: this.destination.value, code: code };
  };

  Estimator.prototype.showError = function (name, text) {
    var input = this.form.elements[name];
    var message = this.root.querySelector("[data-estimator-error=" + name + "]");
    message.textContent = text || "";
    if (text) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  };

  /* Checked answers, or null; strict (after the person leaves a field) shows the country's error too. `valid`
   * holds each answer that is valid now, for the address: a refused or half-typed answer is not there. */
  Estimator.prototype.validate = function (strict) {
    var self = this;
    var answers = {};
    var valid = {};
    var ok = true;
    var counts = {};
    COUNTS.forEach(function (name) {
      var parsed = parseCount(self.form.elements[name].value, self.rules.limits[name]);
      if (parsed.error) {
        ok = false;
        parsed.values.example = Number(self.form.elements[name].getAttribute("data-example"));
        self.showError(name, self.t(parsed.error, parsed.values));
      } else {
        self.showError(name, "");
        answers[name] = counts[name] = parsed.value;
      }
    });
    this.syncVulnerable(counts.children === undefined ? 0 : counts.children);
    var country = this.country(strict);
    var raw = this.raw(country);
    answers.destination = raw.destination;
    answers.situation = raw.situation;
    answers.vulnerable = raw.vulnerable === "yes";
    answers.project = raw.project === "yes";
    answers.previous_support = raw.previous_support === "yes";
    answers.vulnerableAnswered = raw.vulnerable === "yes" || raw.vulnerable === "no";
    Object.keys(raw).forEach(function (key) {
      if (raw[key] === null || raw[key] === undefined) return;
      if (COUNTS.indexOf(key) !== -1 && counts[key] === undefined) return;
      valid[key] = COUNTS.indexOf(key) !== -1 ? counts[key] : raw[key];
    });
    if (country.unknownText !== undefined) {
      ok = false;
      // While the person types, a half-written name is no error yet; it only hides the old result.
      this.showError("destination", strict ? this.t("error_destination", { value: country.unknownText.slice(0, 60) }) : "");
    } else {
      this.showError("destination", "");
    }
    if (country.ambiguous) ok = false;
    return {
      answers: ok ? answers : null, valid: valid, country: country, strict: strict,
      incomplete: country.unknownText !== undefined && !strict
    };
  };

  /* Under the country's field: the question a name of several countries asks, or the names a name not found
   * may have meant, each a button that answers; and, for a name not found, the free number. */
  Estimator.prototype.showChoices = function (country, strict) {
    var self = this;
    var choices = this.choices;
    choices.textContent = "";
    var notFound = country.unknownText !== undefined && strict;
    this.call.hidden = !notFound;
    var codes = country.ambiguous || (notFound ? country.suggestions : []);
    if (!codes.length) return "";
    var question = country.ambiguous ? this.t("which_country", { value: country.typed.slice(0, 60) }) : this.t("did_you_mean");
    choices.appendChild(element("p", "estimator-choices__question", question));
    var list = element("ul", "estimator-choices__list");
    codes.forEach(function (code) {
      var item = element("li");
      var button = self.name(code, element("button", "md-button estimator-choices__button"));
      button.type = "button";
      button.setAttribute("data-estimator-choose", code);
      item.appendChild(button);
      list.appendChild(item);
    });
    choices.appendChild(list);
    var names = codes.map(function (code) { return self.data.names[code]; });
    return fill(this.text.marks.then, { first: question, next: listText(names, this.text.list.or) });
  };

  Estimator.prototype.ruleLink = function () {
    var link = element("a", "estimator-item__rule", this.t("rule_of", { date: this.data.date }));
    link.href = "#estimator-rules-title";
    return link;
  };

  /* What an item gives: each amount an isolate (value); "2 × 350 €" beside the total, in the language's brackets,
   * when it says more than the total (not for one person alone). */
  Estimator.prototype.amount = function (entry, answers) {
    var node = element("span", "estimator-item__amount");
    /* On paper the amount follows its item on one line, after the language's mark (estimator.css). */
    node.setAttribute("data-estimator-mark", fill(this.text.marks.label, { label: "", text: "" }));
    if (entry.kind === "service" || entry.unknown) {
      node.textContent = this.t(entry.kind === "service" ? "service" : "amount_unknown");
      return node;
    }
    var spec = entry.spec;
    var money = this.money;
    var parts = [];
    if (spec.per_adult && answers.adults) parts.push([answers.adults, spec.per_adult]);
    if (spec.per_child && answers.children) parts.push([answers.children, spec.per_child]);
    var total = this.value(formatMoney(entry.amount, money));
    var text = entry.upTo ? fillNodes(this.strings.up_to, { amount: total }) : total;
    if (!parts.length || (parts.length === 1 && Number(parts[0][0]) === 1)) {
      node.appendChild(text);
      return node;
    }
    var counted = parts.map(function (part) {
      return localDigits(part[0], money) + " × " + formatMoney(part[1], money);
    }).join(" + ");
    /* The sum may wrap between its terms (each amount keeps its no-break space): "I don't know yet" shows its
     * cases side by side, and a sum of two terms is wider than a column at 320 px with a reader's text spacing. */
    node.appendChild(fillNodes(this.text.marks.aside, { text: text, remark: this.value(counted, true) }));
    return node;
  };

  Estimator.prototype.section = function (name, entries, answers, level) {
    var self = this;
    var block = element("div", "estimator-section estimator-section--" + name);
    block.setAttribute("data-estimator-section", name);
    block.appendChild(element("h" + level, null, this.t("section_" + name)));
    var list = element("ul", "estimator-items");
    entries.forEach(function (entry) {
      var item = element("li", "estimator-item");
      item.setAttribute("data-estimator-item", entry.id);
      item.appendChild(element("span", "estimator-item__label", self.t("item_" + entry.id)));
      if (name === "not_possible") {
        item.appendChild(element("span", "estimator-item__reason", self.t(entry.reason)));
      } else if (entry.kind !== "service" || name === "possible") {
        item.appendChild(self.amount(entry, answers));
        if (entry.paid) item.appendChild(element("span", "estimator-item__note", self.t("paid_" + entry.paid)));
        if (entry.because) item.appendChild(element("span", "estimator-item__note", self.t(entry.because)));
        if (entry.kind !== "service" && !entry.unknown) item.appendChild(self.ruleLink());
      }
      list.appendChild(item);
    });
    block.appendChild(list);
    if (name === "not_possible") block.appendChild(element("p", "estimator-message", this.t("still_can")));
    return block;
  };

  Estimator.prototype.caseBlock = function (result, answers, level) {
    var self = this;
    var block = element("div", "estimator-case");
    block.setAttribute("data-estimator-case", result.group || result.reason);
    block.setAttribute("data-estimator-state", result.state);
    if (level > 3) block.appendChild(element("h3", null, this.t("case_" + result.group)));
    if (result.state === "excluded") {
      block.appendChild(element("p", "estimator-message", this.t("excluded_" + result.reason)));
      block.appendChild(element("p", "estimator-message", this.t("still_can")));
      return block;
    }
    if (result.state === "unsettled") {
      block.appendChild(element("p", "estimator-message", this.t("unsettled")));
      return block;
    }
    SECTIONS.forEach(function (name) {
      if (result.sections[name].length) block.appendChild(self.section(name, result.sections[name], answers, level));
    });
    /* Not knowing the country yet: the EU case is for the member states since 2004; the 15 first get nothing. */
    if (level > 3 && result.group === "eu" && (this.rules.excluded || []).indexOf("eu_15") !== -1) {
      block.appendChild(element("p", "estimator-message estimator-case__excluded", this.t("excluded_eu_15")));
    }
    return block;
  };

  Estimator.prototype.answersList = function (answers) {
    var self = this;
    var list = element("dl", "estimator-answers");
    var pairs = [["destination", answers.destination === "unknown" ? this.t("destination_unknown") : this.name(answers.destination, element("dd"))]];
    if (this.asks("situation")) pairs.push(["situation", this.t("situation_" + answers.situation)]);
    pairs.push(["adults", localDigits(answers.adults, this.money)], ["children", localDigits(answers.children, this.money)]);
    var counted = this.childrenNote && !this.childrenNote.hidden;
    ["vulnerable", "project", "previous_support"].forEach(function (name) {
      if (!self.asks(name)) return;
      /* Counted by the children: "Yes" (the result says why, beside the support it opens). */
      if (name === "vulnerable" && counted) pairs.push([name, self.t("answer_yes")]);
      else if (name !== "vulnerable" || answers.vulnerableAnswered) pairs.push([name, self.t(answers[name] ? "answer_yes" : "answer_no")]);
    });
    pairs.forEach(function (pair) {
      list.appendChild(element("dt", null, self.t(pair[0])));
      list.appendChild(typeof pair[1] === "string" ? element("dd", null, pair[1]) : pair[1]);
    });
    return list;
  };

  /* One short sentence for screen readers: what changed, not the whole result again. */
  Estimator.prototype.summary = function (answers, result) {
    if (!answers) return this.t("error_summary");
    if (result.cases.length > 1) return this.t("announce_cases", { count: result.cases.length });
    var one = result.cases[0];
    if (one.state === "excluded") return this.t("excluded_" + one.reason);
    if (one.state === "unsettled") return this.t("unsettled");
    var self = this;
    var cash = listText(one.sections.cash.map(function (entry) { return self.amount(entry, answers).textContent; }), this.text.list.standard);
    return this.t("announce", {
      country: this.data.names[answers.destination], cash: cash || this.t("none"),
      count: one.sections.service.length + one.sections.cash.length + one.sections.in_kind.length
    });
  };

  /* The live region says one sentence, after the person pauses; a change before then cancels it, so that it
   * never speaks of answers no longer on screen. An empty text empties it. */
  Estimator.prototype.announce = function (text) {
    var self = this;
    window.clearTimeout(this.timer);
    if (!text) {
      this.announcer.textContent = "";
      return;
    }
    this.timer = window.setTimeout(function () {
      if (self.announcer.textContent !== text) self.announcer.textContent = text;
    }, ANNOUNCE_DELAY);
  };

  Estimator.prototype.render = function (checked) {
    var output = this.output;
    var answers = checked.answers;
    output.textContent = "";
    var group = this.root.querySelector("[data-estimator-group]");
    group.textContent = "";
    var choices = this.showChoices(checked.country, checked.strict);
    if (checked.country.ambiguous) {
      this.root.setAttribute("data-estimator-state", "incomplete");
      output.appendChild(element("p", "estimator-message", this.t("choose_destination")));
      this.announce(choices);
      return;
    }
    if (checked.incomplete || (answers && !answers.destination) || (!answers && checked.country.empty)) {
      this.root.setAttribute("data-estimator-state", "incomplete");
      output.appendChild(element("p", "estimator-message", this.t("choose_destination")));
      this.announce("");
      return;
    }
    if (!answers) {
      this.root.setAttribute("data-estimator-state", "incomplete");
      output.appendChild(element("p", "estimator-message", this.t("error_summary")));
      /* A name not found: what the field's message says, the names it may have meant, and the free number. */
      var destinationError = this.root.querySelector("[data-estimator-error=destination]").textContent;
      var marks = this.text.marks;
      this.announce(destinationError ? [destinationError, choices, this.call.textContent].filter(Boolean).reduce(function (first, next) {
        return fill(marks.then, { first: first, next: next });
      }) : this.t("error_summary"));
      return;
    }
    if (this.asks("situation") && !answers.situation) {
      this.root.setAttribute("data-estimator-state", "incomplete");
      output.appendChild(element("p", "estimator-message", this.t("choose_situation")));
      this.announce("");
      return;
    }
    this.root.setAttribute("data-estimator-state", "result");
    var result = estimate(this.rules, this.data.countries, answers, this.data.cases);
    this.last = { answers: answers, result: result };
    if (answers.destination !== "unknown") {
      group.appendChild(fillNodes(this.strings.group_line, {
        country: this.name(answers.destination), group: this.t("group_" + this.data.countries[answers.destination])
      }));
    }
    this.drawResult(output, answers, result);
    this.announce(this.summary(answers, result));
  };

  /* A result's cases, then the answers, in this estimator's words. */
  Estimator.prototype.drawResult = function (output, answers, result) {
    var several = result.cases.length > 1;
    if (several) output.appendChild(element("p", "estimator-message", this.t("cases_intro")));
    var cases = element("div", several ? "estimator-cases estimator-cases--side" : "estimator-cases");
    var self = this;
    result.cases.forEach(function (one) { cases.appendChild(self.caseBlock(one, answers, several ? 4 : 3)); });
    output.appendChild(cases);
    // The answers come last: on screen the person has just given them; on paper they say whose result it is.
    var answersBlock = element("div", "estimator-answers-block");
    answersBlock.appendChild(element("h3", null, this.t("answers_title")));
    answersBlock.appendChild(this.answersList(answers));
    output.appendChild(answersBlock);
  };

  /* The result on screen drawn again in another language, for a sheet in two languages (sheets.js): the same
   * answers and the same estimate, computed once, with that language's texts, money, date of the rules, day of
   * printing and names of the countries ({strings, money, text, date, printed, names, langs}: hooks/components/sheets.py).
   * {output, printed}, or null while there is no result. */
  Estimator.prototype.drawIn = function (texts) {
    if (!this.last || this.root.getAttribute("data-estimator-state") !== "result") return null;
    var other = Object.create(this);
    other.strings = texts.strings;
    other.money = texts.money;
    other.text = texts.text;
    other.data = Object.create(this.data);
    other.data.names = texts.names;
    other.data.langs = texts.langs || {};
    other.data.date = texts.date;
    other.data.printed = texts.printed;
    var output = element("div", "estimator-output");
    other.drawResult(output, this.last.answers, this.last.result);
    return { output: output, printed: other.printedDate(new Date()) };
  };

  /* The address's fragment: each answer valid now, in a fixed order; nothing before the person answers. */
  Estimator.prototype.writeFragment = function (valid) {
    var self = this;
    var keys = ["destination"].concat(this.asks("situation") ? ["situation"] : [], COUNTS,
      ["vulnerable", "project", "previous_support"].filter(function (name) { return self.asks(name); }));
    return "#" + keys.filter(function (key) { return valid[key] !== undefined && valid[key] !== null; })
      .map(function (key) { return key + "=" + encodeURIComponent(valid[key]); }).join("&");
  };

  /* The address holds what the form holds now, no more: replaced, never a new history entry. */
  Estimator.prototype.writeAddress = function (fragment) {
    if (!window.history || !window.history.replaceState) return;
    var plain = window.location.pathname + window.location.search;
    var wanted = fragment.length > 1 ? fragment : "";
    if (wanted === window.location.hash) return;
    window.history.replaceState(null, "", wanted || plain);
  };

  Estimator.prototype.update = function (strict) {
    this.lastStrict = !!strict;
    var checked = this.validate(strict);
    this.render(checked);
    if (this.answered) this.writeAddress(this.writeFragment(checked.valid));
  };

  /* "Clear my answers", for a shared computer: the form as it was first drawn, no result, no address. */
  Estimator.prototype.clear = function () {
    window.clearTimeout(this.timer);
    this.form.reset();
    this.picked = null;
    this.ownVulnerable = null;
    this.syncVulnerable(0);
    this.answered = false;
    this.update(false);
    this.writeAddress("");
    this.destination.focus();
    this.announcer.textContent = this.t("cleared");
  };

  /* "Printed on 7 December 2026": CLDR's long date pattern of the language (y, M, MMMM, d and 'quoted'
   * words), with its month names and digits. */
  Estimator.prototype.printedDate = function (day) {
    var format = this.data.printed;
    var money = this.money;
    var text = format.pattern.replace(/'([^']*)'|y+|M+|d+/g, function (token, quoted) {
      if (quoted !== undefined) return quoted;
      if (token.charAt(0) === "y") return String(day.getFullYear());
      if (token.charAt(0) === "d") return token.length > 1 && day.getDate() < 10 ? "0" + day.getDate() : String(day.getDate());
      if (token.length >= 3) return format.months[day.getMonth()];
      return token.length > 1 && day.getMonth() < 9 ? "0" + (day.getMonth() + 1) : String(day.getMonth() + 1);
    });
    var date = localDigits(text, money);
    /* A date that ends with a stop ("7 декабря 2026 г.") ends the sentence too: not "г..". */
    var written = this.t("printed_on", { date: date });
    return /\.$/.test(date) ? written.replace(date + ".", date) : written;
  };

  Estimator.prototype.start = function () {
    var self = this;
    var fromAddress = readFragment(window.location.hash);
    if (Object.keys(fromAddress).length) {
      this.answered = true;
      if (fromAddress.destination && !this.data.names[fromAddress.destination] && fromAddress.destination !== "unknown") {
        this.loadNames();
      }
      this.load(fromAddress);
    }
    this.destination.addEventListener("input", function () { if (self.needsNames(false)) self.loadNames(); });
    this.destination.addEventListener("change", function () { if (self.needsNames(true)) self.loadNames(); });
    var answer = function (strict) { return function () { self.answered = true; self.update(strict); }; };
    this.form.addEventListener("input", answer(false));
    this.form.addEventListener("change", answer(true));
    this.form.addEventListener("submit", function (event) { event.preventDefault(); answer(true)(); });
    window.addEventListener("hashchange", function () {
      var answers = readFragment(window.location.hash);
      if (answers.destination) {
        self.answered = true;
        if (!self.data.names[answers.destination] && answers.destination !== "unknown") self.loadNames();
        self.load(answers);
        self.update(true);
      }
    });
    var unknown = this.root.querySelector("[data-estimator-unknown]");
    unknown.addEventListener("click", function () {
      self.destination.value = self.strings.destination_unknown;
      answer(true)();
    });
    this.choices.addEventListener("click", function (event) {
      var button = event.target.closest("[data-estimator-choose]");
      if (!button) return;
      self.pick(button.getAttribute("data-estimator-choose"));
      answer(true)();
      self.destination.focus();
    });
    var print = this.root.querySelector("[data-estimator-print]");
    if (print) print.addEventListener("click", function () { window.print(); });
    this.root.querySelector("[data-estimator-clear]").addEventListener("click", function () { self.clear(); });
    var printed = this.root.querySelector("[data-estimator-printed]");
    var dated = function () { printed.textContent = self.printedDate(new Date()); };
    dated();
    window.addEventListener("beforeprint", dated);
    this.update(Object.keys(fromAddress).length > 0);
  };

  // The page's scripts and the unit tests (Node, without a window) reach the engine here.
  var estimators = [];

  /* The estimator of a [data-module="estimator"] element drawing its result in another language (drawIn). */
  function resultIn(root, texts) {
    var found = estimators.filter(function (one) { return one.root === root; })[0];
    return found ? found.drawIn(texts) : null;
  }

  (typeof window !== "undefined" ? window : globalThis).estimator = {
    estimate: estimate, parseCount: parseCount, formatMoney: formatMoney, readFragment: readFragment,
    asciiDigits: asciiDigits, foldName: foldName, distance: distance, nameIndex: nameIndex, findCountry: findCountry,
    resultIn: resultIn
  };

  function init() {
    var roots = document.querySelectorAll('[data-module="estimator"]');
    for (var i = 0; i < roots.length; i++) {
      estimators.push(new Estimator(roots[i]));
      estimators[i].start();
    }
  }

  if (typeof document === "undefined") return;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
