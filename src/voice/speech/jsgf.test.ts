import assert from "node:assert/strict";
import { test } from "node:test";
import { buildGrammar } from "./grammar.ts";
import { GrammarAutomaton } from "./jsgf.ts";

const judge = (automaton: GrammarAutomaton, words: string) => automaton.judge(words.split(" "));

test("words are judged against the recogniser's own grammar: outside, a start, whole, or whole with nothing to follow", () => {
  const open = new GrammarAutomaton(buildGrammar("open", { phrases: [] }));
  assert.equal(judge(open, "okay thanks bye"), "final");
  assert.equal(judge(open, "great thank you that's all"), "final");
  assert.equal(judge(open, "sorry when will it arrive"), "final");
  // Whole, but callers go on: "thank you very much", "where is my order W...".
  assert.equal(judge(open, "thank you"), "complete");
  assert.equal(judge(open, "where is my order"), "complete");
  assert.equal(judge(open, "when will it"), "prefix");
  assert.equal(judge(open, "hi"), "prefix");
  assert.equal(judge(open, "purple monkey"), "outside");
  assert.equal(judge(open, "eight five zero four nine"), "final", "a postcode given unasked");

  const postcode = new GrammarAutomaton(buildGrammar("postal_code", { phrases: [] }));
  assert.equal(judge(postcode, "eight five zero four"), "prefix");
  assert.equal(judge(postcode, "eight five zero four nine"), "final");

  const item = new GrammarAutomaton(buildGrammar("item", { phrases: [] }, ["electric kettle"]));
  assert.equal(judge(item, "the second one"), "final");
  assert.equal(judge(item, "the kettle"), "complete", '"the kettle one" and "please" may follow');
  assert.equal(judge(item, "the toaster"), "outside");
});

test("the grammar subset: optional parts, repeats, weights and references; bad grammars are refused", () => {
  const g = new GrammarAutomaton(`#JSGF V1.0;
grammar t;
public <top> = /8/ <digits> done | /1/ [please] (stop | halt) [now];
<digits> = (one | two)+;`);
  assert.equal(judge(g, "one two one done"), "final");
  assert.equal(judge(g, "one"), "prefix");
  assert.equal(judge(g, "done"), "outside", "+ needs one digit at least");
  assert.equal(judge(g, "please halt"), "complete");
  assert.equal(judge(g, "stop now"), "final");
  assert.throws(() => new GrammarAutomaton("public <a> = (x;"), /unbalanced|unexpected/);
  assert.throws(() => new GrammarAutomaton("public <a> = <b>;"), /no rule <b>/);
  assert.throws(() => new GrammarAutomaton("public <a> = x <a>;"), /too deep/);
  assert.throws(() => new GrammarAutomaton("<a> = x;"), /no public rule/);
});
