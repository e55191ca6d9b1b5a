import assert from "node:assert/strict";
import { test } from "node:test";
import { BACKCHANNELS, buildGrammar, phraseRule } from "./grammar.ts";
import { onlyBackchannel, spokenToText } from "./words.ts";

test("spoken order numbers, postcodes and emails read as typed", () => {
  assert.equal(
    spokenToText("hi can you check order double u six two three one six nine eight for me"),
    "hi can you check order W6231698 for me",
  );
  assert.equal(spokenToText("eight five oh four nine"), "85049");
  assert.equal(spokenToText("i want one of the two"), "i want one of the two");
  assert.equal(
    spokenToText("my email is j a n e dot doe at example dot com"),
    "my email is jane.doe@example.com",
  );
  assert.equal(spokenToText("it's m a x at example dot f r"), "it's max@example.fr");
  // Sizes are said as numbers.
  assert.equal(spokenToText("the size twelve one"), "the size 12 one");
  assert.equal(spokenToText("size nine please"), "size 9 please");
  assert.equal(spokenToText("size forty two"), "size 42");
  assert.equal(spokenToText("size thirty"), "size 30");
  assert.equal(spokenToText("what size is it"), "what size is it");
});

test("backchannels are told from interruptions", () => {
  assert.equal(onlyBackchannel("uh-huh", BACKCHANNELS), true);
  assert.equal(onlyBackchannel("okay mhm", BACKCHANNELS), true);
  assert.equal(onlyBackchannel("no wait", BACKCHANNELS), false);
  assert.equal(onlyBackchannel("", BACKCHANNELS), false);
});

test("training utterances become grammar phrasings; unpronounceable ones are left out", () => {
  const dictionary = new Set(["where", "is", "my", "order", "status", "of", "wheres"]);
  assert.equal(phraseRule("Where is my order?", dictionary), "where is my order");
  assert.equal(phraseRule("status of #W2378156", dictionary), "status of <order_number>");
  assert.equal(phraseRule("were is my oder", dictionary), null);
  const jsgf = buildGrammar("order_id", { phrases: ["where is my order"], dictionary });
  assert.match(jsgf, /public <utterance> = \/8\/ <order_said> \| \/1\/ <request>/);
  assert.match(jsgf, /\| where \(is \(my \(order\)\)\)/, "the agent's phrasing, as a prefix tree");
  const shared = buildGrammar("open", {
    phrases: ["where is my order", "where is my parcel"],
    dictionary: new Set([...dictionary, "parcel"]),
  });
  assert.match(shared, /where \(is \(my \(order \| parcel\)\)\)/, "one path until the phrasings part");
});

test("the choices offered become the item grammar: names, their last word, positions; unpronounceable names left out", () => {
  const dictionary = new Set(["water", "bottle", "electric", "kettle", "blue"]);
  const jsgf = buildGrammar("item", { phrases: [], dictionary }, ["Water Bottle", "blue", "Zorbulator 3000"]);
  assert.match(jsgf, /public <utterance> = \/8\/ <item_said>/);
  const rule = jsgf.split("\n").find((line) => line.startsWith("<item_said>")) ?? "";
  assert.match(rule, /\[the one with\] \[the\] \(water bottle \| bottle \| blue\) \[one\]/);
  assert.doesNotMatch(rule, /zorbulator/);
  assert.match(rule, /<ordinal> \| \[number\] <digit> \| both/);
  // With nothing nameable, positions and numbers still answer.
  const bare = buildGrammar("item", { phrases: [], dictionary }, []);
  assert.match(bare, /<item_said> = \[i want \| i'd like \| i mean \| it's\] \(<ordinal> \|/);
  // Asked which of their orders, by what is in them: the order number or the items.
  const orders = buildGrammar("order_id", { phrases: [], dictionary }, ["Electric Kettle"]);
  assert.match(orders, /public <utterance> = \/8\/ \(<order_said> \| <item_said>\)/);
  assert.match(orders, /\(electric kettle \| kettle\)/);
  assert.doesNotMatch(buildGrammar("order_id", { phrases: [], dictionary }), /<item_said> =/);
});
