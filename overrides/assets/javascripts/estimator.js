/* The support estimator (data/estimator.yml, hooks/estimator.py, partials/estimator.html).
 *
 * Enhances [data-module="estimator"]: shows the form, computes the support in the browser from the rules
 * the page carries, and keeps the answers in the address's #fragment, which browsers never send to a
 * server. Nothing is sent, nothing is stored. Without this script the page shows the full table of rules.
 */
(function () {
  "use strict";

  var SITUATIONS = ["asylum_seeker", "refused", "never_registered", "unknown"];
  var COUNTS = ["adults", "children"];
  var CHOICES = ["vulnerable", "project"];

  /* Whole euros as the page's language writes them; the pattern comes from data/ui.yml (money). */
  function formatMoney(amount, money) {
    var digits = String(Math.abs(Math.round(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, money.group);
    return money.pattern.replace("{amount}", digits);
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  /* A number of people as typed: {value} or {error, values} naming the message in ui.yml. */
  function parseCount(text, limit) {
    var trimmed = String(text == null ? "" : text).trim();
    if (trimmed === "") return { error: "error_empty", values: {} };
    if (/^-\s*\d+$/.test(trimmed)) return { error: "error_too_small", values: { min: limit.min } };
    if (!/^\d+$/.test(trimmed)) return { error: "error_not_number", values: { value: trimmed.slice(0, 40) } };
    var value = parseInt(trimmed, 10);
    if (value < limit.min) return { error: "error_too_small", values: { min: limit.min } };
    if (value > limit.max) return { error: "error_too_large", values: { max: limit.max } };
    return { value: value };
  }

  /* Why an item applies when the situation is unknown: the condition the person can check. */
  function condition(item) {
    return item["for"].length === 1 && item["for"][0] === "asylum_seeker" ? "if_asylum_seeker" : "if_asylum";
  }

  /* The rules engine: answers {situation, adults, children, vulnerable, project} -> items and totals. */
  function estimate(rules, answers) {
    var result = { certain: [], possible: [], totalCertain: 0, totalPossible: 0 };
    var people = answers.adults + answers.children;
    rules.items.forEach(function (item) {
      var certainty = item.certainty;
      var because = null;
      if (answers.situation === "unknown") {
        if (item["for"].length < 3) {
          certainty = "possible";
          because = condition(item);
        }
      } else if (item["for"].indexOf(answers.situation) === -1) {
        return;
      }
      if (item.when === "project" && !answers.project) return;
      if (item.when === "vulnerable" && !answers.vulnerable) return;
      if (item.when === "family" && people < 2) return;
      var amount = null;
      if (!item.in_kind) {
        amount = (item.per_adult || 0) * answers.adults + (item.per_child || 0) * answers.children +
          (item.per_file || 0);
      }
      var entry = { id: item.id, amount: amount, upTo: !!item.up_to, because: because, rule: item };
      result[certainty].push(entry);
      if (amount !== null) {
        if (certainty === "certain") result.totalCertain += amount;
        else result.totalPossible += amount;
      }
    });
    return result;
  }

  /* Answers from the address's fragment: #situation=refused&adults=2&children=1&vulnerable=no&project=no */
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

  function writeFragment(raw) {
    return "#" + ["situation"].concat(COUNTS, CHOICES).filter(function (key) {
      return raw[key] !== undefined && raw[key] !== null;
    }).map(function (key) {
      return key + "=" + encodeURIComponent(raw[key]);
    }).join("&");
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function Estimator(root) {
    var data = JSON.parse(root.querySelector("[data-estimator-data]").textContent);
    this.rules = data.rules;
    this.strings = data.strings;
    this.money = data.money;
    this.root = root;
    this.form = root.querySelector("[data-estimator-form]");
    this.output = root.querySelector("[data-estimator-output]");
    this.result = root.querySelector("[data-estimator-result]");
  }

  Estimator.prototype.t = function (key, values) {
    return fill(this.strings[key], values || {});
  };

  Estimator.prototype.raw = function () {
    var form = this.form;
    var raw = {};
    var situation = form.querySelector("input[name=situation]:checked");
    raw.situation = situation ? situation.value : null;
    COUNTS.forEach(function (name) { raw[name] = form.elements[name].value; });
    CHOICES.forEach(function (name) {
      var checked = form.querySelector("input[name=" + name + "]:checked");
      raw[name] = checked ? checked.value : "no";
    });
    return raw;
  };

  Estimator.prototype.load = function (raw) {
    var form = this.form;
    if (SITUATIONS.indexOf(raw.situation) !== -1) {
      form.querySelector("input[name=situation][value=" + raw.situation + "]").checked = true;
    }
    COUNTS.forEach(function (name) {
      if (raw[name] !== undefined) form.elements[name].value = raw[name];
    });
    CHOICES.forEach(function (name) {
      var value = raw[name] === "yes" ? "yes" : "no";
      form.querySelector("input[name=" + name + "][value=" + value + "]").checked = true;
    });
  };

  Estimator.prototype.validate = function (raw) {
    var self = this;
    var answers = { situation: raw.situation, vulnerable: raw.vulnerable === "yes", project: raw.project === "yes" };
    var valid = true;
    COUNTS.forEach(function (name) {
      var parsed = parseCount(raw[name], self.rules.limits[name]);
      var input = self.form.elements[name];
      var message = self.root.querySelector("[data-estimator-error=" + name + "]");
      if (parsed.error) {
        valid = false;
        parsed.values.example = input.getAttribute("data-example");
        message.textContent = self.t(parsed.error, parsed.values);
        input.setAttribute("aria-invalid", "true");
      } else {
        message.textContent = "";
        input.removeAttribute("aria-invalid");
        answers[name] = parsed.value;
      }
    });
    return valid ? answers : null;
  };

  Estimator.prototype.amountText = function (entry, answers) {
    var self = this;
    if (entry.amount === null) return this.t("in_kind");
    var parts = [];
    var rule = entry.rule;
    if (rule.per_adult && answers.adults) parts.push(answers.adults + " × " + formatMoney(rule.per_adult, this.money));
    if (rule.per_child && answers.children) parts.push(answers.children + " × " + formatMoney(rule.per_child, this.money));
    var total = formatMoney(entry.amount, this.money);
    var text = entry.upTo ? self.t("up_to", { amount: total }) : total;
    return parts.length > 1 || (parts.length === 1 && !/^1 ×/.test(parts[0])) ? text + " (" + parts.join(" + ") + ")" : text;
  };

  Estimator.prototype.list = function (entries, answers, certainty) {
    var self = this;
    var list = element("ul", "estimator-items");
    list.setAttribute("data-estimator-list", certainty);
    entries.forEach(function (entry) {
      var item = element("li", "estimator-item");
      item.setAttribute("data-estimator-item", entry.id);
      item.appendChild(element("span", "estimator-item__label", self.t("item_" + entry.id)));
      item.appendChild(document.createTextNode(" "));
      var amount = element("span", "estimator-item__amount", self.amountText(entry, answers));
      item.appendChild(amount);
      if (entry.because) item.appendChild(element("span", "estimator-item__condition", " (" + self.t(entry.because) + ")"));
      list.appendChild(item);
    });
    return list;
  };

  Estimator.prototype.answersList = function (answers) {
    var self = this;
    var list = element("dl", "estimator-answers");
    [["situation", this.t("situation_" + answers.situation)], ["adults", answers.adults],
      ["children", answers.children], ["vulnerable", this.t(answers.vulnerable ? "answer_yes" : "answer_no")],
      ["project", this.t(answers.project ? "answer_yes" : "answer_no")]].forEach(function (pair) {
      list.appendChild(element("dt", null, self.t(pair[0])));
      list.appendChild(element("dd", null, String(pair[1])));
    });
    return list;
  };

  Estimator.prototype.render = function (answers) {
    var output = this.output;
    output.textContent = "";
    this.root.setAttribute("data-estimator-state", answers ? "result" : "incomplete");
    if (!answers) {
      output.appendChild(element("p", "estimator-message", this.t("error_summary")));
      return;
    }
    if (!answers.situation) {
      output.appendChild(element("p", "estimator-message", this.t("choose_situation")));
      return;
    }
    var result = estimate(this.rules, answers);
    output.appendChild(element("h3", null, this.t("certain_title")));
    output.appendChild(this.list(result.certain, answers, "certain"));
    var certain = element("p", "estimator-total");
    certain.setAttribute("data-estimator-total", "certain");
    certain.textContent = this.t("total_certain") + ": " + formatMoney(result.totalCertain, this.money);
    output.appendChild(certain);

    output.appendChild(element("h3", null, this.t("possible_title")));
    if (result.possible.length) {
      output.appendChild(this.list(result.possible, answers, "possible"));
      var possible = element("p", "estimator-total");
      possible.setAttribute("data-estimator-total", "possible");
      possible.textContent = this.t("total_possible") + ": " + formatMoney(result.totalPossible, this.money);
      output.appendChild(possible);
    } else {
      output.appendChild(element("p", "estimator-message", this.t("none_possible")));
    }

    // The answers come last: on screen the person has just given them; on paper they say whose result it is.
    var answersBlock = element("div", "estimator-answers-block");
    answersBlock.appendChild(element("h3", null, this.t("answers_title")));
    answersBlock.appendChild(this.answersList(answers));
    output.appendChild(answersBlock);
  };

  Estimator.prototype.update = function () {
    var raw = this.raw();
    this.render(this.validate(raw));
    if (raw.situation && window.history && window.history.replaceState) {
      window.history.replaceState(null, "", writeFragment(raw));
    }
  };

  Estimator.prototype.start = function () {
    var self = this;
    var fromAddress = readFragment(window.location.hash);
    if (Object.keys(fromAddress).length) this.load(fromAddress);
    this.form.addEventListener("input", function () { self.update(); });
    this.form.addEventListener("change", function () { self.update(); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); self.update(); });
    var print = this.root.querySelector("[data-estimator-print]");
    if (print) print.addEventListener("click", function () { window.print(); });
    var raw = this.raw();
    this.render(this.validate(raw));
  };

  window.estimator = { estimate: estimate, parseCount: parseCount, formatMoney: formatMoney, readFragment: readFragment };

  function init() {
    var roots = document.querySelectorAll('[data-module="estimator"]');
    for (var i = 0; i < roots.length; i++) new Estimator(roots[i]).start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
