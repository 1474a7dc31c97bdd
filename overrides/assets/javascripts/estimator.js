/* The support estimator (data/estimator.yml, data/countries.yml, hooks/estimator.py, partials/estimator.html).
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

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  /* Digits of any script as 0-9 (digits.js, loaded first; in the unit tests too). */
  var asciiDigits = (typeof window !== "undefined" ? window : globalThis).digits.asciiDigits;

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

  /* A country name as people type it: no accents, no capitals, no punctuation. */
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
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
    rules.items.forEach(function (item) {
      if (itemGroups(item).indexOf(group) === -1) {
        if (item.certainty === "certain") {
          result.sections.not_possible.push({ id: item.id, reason: forVulnerable && !vulnerable ? "reason_destination_vulnerable" : "reason_destination" });
        }
        return;
      }
      var certainty = item.certainty;
      var because = null;
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

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function Estimator(root) {
    var data = JSON.parse(root.querySelector("[data-estimator-data]").textContent);
    data.names = {};
    data.countries = {};
    Array.prototype.forEach.call(root.querySelectorAll("option[data-code]"), function (option) {
      data.names[option.getAttribute("data-code")] = option.value;
      data.countries[option.getAttribute("data-code")] = option.getAttribute("data-group");
    });
    this.data = data;
    this.rules = data.rules;
    this.strings = data.strings;
    this.money = data.money;
    this.root = root;
    this.form = root.querySelector("[data-estimator-form]");
    this.output = root.querySelector("[data-estimator-output]");
    this.announcer = root.querySelector("[data-estimator-announce]");
    this.destination = this.form.elements.destination;
    this.index = {};
    var index = this.index;
    Object.keys(data.names).forEach(function (code) {
      [data.names[code]].concat(data.otherNames[code] || []).forEach(function (name) { index[fold(name)] = code; });
    });
    index[fold(this.strings.destination_unknown)] = "unknown";
  }

  /* A text of data/ui.yml with its {values}; the numbers among them in the language's digits. */
  Estimator.prototype.t = function (key, values) {
    var money = this.money;
    var shown = {};
    Object.keys(values || {}).forEach(function (name) {
      shown[name] = typeof values[name] === "number" ? localDigits(values[name], money) : values[name];
    });
    return fill(this.strings[key], shown);
  };

  Estimator.prototype.asks = function (question) {
    return this.rules.questions.indexOf(question) !== -1;
  };

  /* The country typed: {code} (a country code or "unknown"), {empty}, or {unknownText}. */
  Estimator.prototype.country = function () {
    var typed = this.destination.value;
    if (!typed.trim()) return { empty: true };
    var code = this.index[fold(typed)];
    return code ? { code: code } : { unknownText: typed.trim() };
  };

  Estimator.prototype.raw = function () {
    var form = this.form;
    var raw = {};
    var country = this.country();
    raw.destination = country.code || null;
    COUNTS.forEach(function (name) { raw[name] = form.elements[name].value; });
    CHOICES.forEach(function (name) {
      var checked = form.querySelector("input[name=" + name + "]:checked");
      raw[name] = checked ? checked.value : null;
    });
    return raw;
  };

  Estimator.prototype.load = function (raw) {
    var self = this;
    var form = this.form;
    if (raw.destination === "unknown") this.destination.value = this.strings.destination_unknown;
    else if (this.data.names[raw.destination]) this.destination.value = this.data.names[raw.destination];
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
      var input = form.querySelector("input[name=" + name + "][value=" + (value === "yes" ? "yes" : "no") + "]");
      if (input) input.checked = true;
    });
  };

  Estimator.prototype.showError = function (name, text) {
    var input = this.form.elements[name];
    var message = this.root.querySelector("[data-estimator-error=" + name + "]");
    message.textContent = text || "";
    if (text) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  };

  /* Checked answers, or null; strict (after the person leaves a field) shows the country's error too. */
  Estimator.prototype.validate = function (strict) {
    var self = this;
    var raw = this.raw();
    var answers = {
      destination: raw.destination, situation: raw.situation, vulnerable: raw.vulnerable === "yes",
      project: raw.project === "yes", previous_support: raw.previous_support === "yes"
    };
    var valid = true;
    COUNTS.forEach(function (name) {
      var parsed = parseCount(raw[name], self.rules.limits[name]);
      if (parsed.error) {
        valid = false;
        parsed.values.example = self.form.elements[name].getAttribute("data-example");
        self.showError(name, self.t(parsed.error, parsed.values));
      } else {
        self.showError(name, "");
        answers[name] = parsed.value;
      }
    });
    var country = this.country();
    if (country.unknownText !== undefined) {
      valid = false;
      // While the person types, a half-written name is no error yet; it only hides the old result.
      this.showError("destination", strict ? this.t("error_destination", { value: country.unknownText.slice(0, 60) }) : "");
    } else {
      this.showError("destination", "");
    }
    return { answers: valid ? answers : null, raw: raw, incomplete: country.unknownText !== undefined && !strict };
  };

  Estimator.prototype.ruleLink = function () {
    var link = element("a", "estimator-item__rule", this.t("rule_of", { date: this.data.date }));
    link.href = "#estimator-rules-title";
    return link;
  };

  Estimator.prototype.amountText = function (entry, answers) {
    if (entry.kind === "service") return this.t("service");
    if (entry.unknown) return this.t("amount_unknown");
    var spec = entry.spec;
    var money = this.money;
    var parts = [];
    if (spec.per_adult && answers.adults) parts.push([answers.adults, spec.per_adult]);
    if (spec.per_child && answers.children) parts.push([answers.children, spec.per_child]);
    var total = formatMoney(entry.amount, money);
    var text = entry.upTo ? this.t("up_to", { amount: total }) : total;
    /* "2 × 350 €" when it says more than the total: not for one person alone. */
    if (!parts.length || (parts.length === 1 && Number(parts[0][0]) === 1)) return text;
    return text + " (" + parts.map(function (part) {
      return localDigits(part[0], money) + " × " + formatMoney(part[1], money);
    }).join(" + ") + ")";
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
        item.appendChild(element("span", "estimator-item__amount", self.amountText(entry, answers)));
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
    return block;
  };

  Estimator.prototype.answersList = function (answers) {
    var self = this;
    var list = element("dl", "estimator-answers");
    var pairs = [["destination", answers.destination === "unknown" ? this.t("destination_unknown") : this.data.names[answers.destination]]];
    if (this.asks("situation")) pairs.push(["situation", this.t("situation_" + answers.situation)]);
    pairs.push(["adults", answers.adults], ["children", answers.children]);
    ["vulnerable", "project", "previous_support"].forEach(function (name) {
      if (self.asks(name)) pairs.push([name, self.t(answers[name] ? "answer_yes" : "answer_no")]);
    });
    pairs.forEach(function (pair) {
      list.appendChild(element("dt", null, self.t(pair[0])));
      list.appendChild(element("dd", null, String(pair[1])));
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
    var cash = one.sections.cash.map(function (entry) { return self.amountText(entry, answers); }).join(", ");
    return this.t("announce", {
      country: this.data.names[answers.destination], cash: cash || this.t("none"),
      count: one.sections.service.length + one.sections.cash.length + one.sections.in_kind.length
    });
  };

  Estimator.prototype.announce = function (text) {
    var self = this;
    window.clearTimeout(this.timer);
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
    if (checked.incomplete || (answers && !answers.destination)) {
      this.root.setAttribute("data-estimator-state", "incomplete");
      output.appendChild(element("p", "estimator-message", this.t("choose_destination")));
      return;
    }
    if (!answers) {
      this.root.setAttribute("data-estimator-state", "incomplete");
      output.appendChild(element("p", "estimator-message", this.t("error_summary")));
      this.announce(this.t("error_summary"));
      return;
    }
    if (this.asks("situation") && !answers.situation) {
      this.root.setAttribute("data-estimator-state", "incomplete");
      output.appendChild(element("p", "estimator-message", this.t("choose_situation")));
      return;
    }
    this.root.setAttribute("data-estimator-state", "result");
    var result = estimate(this.rules, this.data.countries, answers, this.data.cases);
    if (answers.destination !== "unknown") {
      group.textContent = this.t("group_line", {
        country: this.data.names[answers.destination], group: this.t("group_" + this.data.countries[answers.destination])
      });
    }
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
    this.announce(this.summary(answers, result));
  };

  Estimator.prototype.writeFragment = function (raw) {
    var self = this;
    var keys = ["destination"].concat(this.asks("situation") ? ["situation"] : [], COUNTS,
      ["vulnerable", "project", "previous_support"].filter(function (name) { return self.asks(name); }));
    return "#" + keys.filter(function (key) { return raw[key] !== undefined && raw[key] !== null; })
      .map(function (key) { return key + "=" + encodeURIComponent(raw[key]); }).join("&");
  };

  Estimator.prototype.update = function (strict) {
    var checked = this.validate(strict);
    this.render(checked);
    if (checked.raw.destination && window.history && window.history.replaceState) {
      var fragment = this.writeFragment(checked.raw);
      if (fragment !== window.location.hash) window.history.replaceState(null, "", fragment);
    }
  };

  Estimator.prototype.start = function () {
    var self = this;
    var fromAddress = readFragment(window.location.hash);
    if (Object.keys(fromAddress).length) this.load(fromAddress);
    this.form.addEventListener("input", function () { self.update(false); });
    this.form.addEventListener("change", function () { self.update(true); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); self.update(true); });
    window.addEventListener("hashchange", function () {
      var answers = readFragment(window.location.hash);
      if (answers.destination) {
        self.load(answers);
        self.update(true);
      }
    });
    var unknown = this.root.querySelector("[data-estimator-unknown]");
    unknown.addEventListener("click", function () {
      self.destination.value = self.strings.destination_unknown;
      self.update(true);
    });
    var print = this.root.querySelector("[data-estimator-print]");
    if (print) print.addEventListener("click", function () { window.print(); });
    this.update(Object.keys(fromAddress).length > 0);
  };

  // The page's scripts and the unit tests (Node, without a window) reach the engine here.
  (typeof window !== "undefined" ? window : globalThis).estimator = {
    estimate: estimate, parseCount: parseCount, formatMoney: formatMoney, readFragment: readFragment,
    asciiDigits: asciiDigits, fold: fold
  };

  function init() {
    var roots = document.querySelectorAll('[data-module="estimator"]');
    for (var i = 0; i < roots.length; i++) new Estimator(roots[i]).start();
  }

  if (typeof document === "undefined") return;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
