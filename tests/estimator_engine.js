// The page's rules engine (overrides/assets/javascripts/estimator.js, with text.js) in Node, for the unit tests:
// reads {rules, countries, cases, answers: [...]} as JSON on standard input, writes one result per answer.
"use strict";
const path = require("path");
require(path.join(__dirname, "..", "overrides", "assets", "javascripts", "text.js"));
require(path.join(__dirname, "..", "overrides", "assets", "javascripts", "estimator.js"));
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { rules, countries, cases, answers, calls } = JSON.parse(input);
  const engine = globalThis.estimator;
  const results = (answers || []).map((one) => engine.estimate(rules, countries, one, cases));
  const values = (calls || []).map(([name, args]) => engine[name](...args));
  process.stdout.write(JSON.stringify({ results, values }));
});
