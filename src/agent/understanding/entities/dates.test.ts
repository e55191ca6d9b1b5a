import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { EntityContext, Language } from "../types.ts";
import { extractDates } from "./dates.ts";
import { run, valuesOf } from "./test-helpers.ts";

// "Today" in these tests is Wednesday 11 March 2026.
function dates(text: string, language: Language = "en", over: Partial<EntityContext> = {}): string[] {
  return valuesOf(run(extractDates, text, { language, ...over }), "date");
}

describe("dates", () => {
  const cases: Array<[string, Language, string, Partial<EntityContext>?]> = [
    ["today", "en", "2026-03-11"],
    ["I can pay tomorrow", "en", "2026-03-12"],
    ["the day after tomorrow", "en", "2026-03-13"],
    ["yesterday", "en", "2026-03-10"],
    ["heute", "de", "2026-03-11"],
    ["morgen", "de", "2026-03-12"],
    ["übermorgen", "de", "2026-03-13"],
    ["aujourd'hui", "fr", "2026-03-11"],
    ["demain", "fr", "2026-03-12"],
    ["après-demain", "fr", "2026-03-13"],
    ["hoy", "es", "2026-03-11"],
    ["mañana", "es", "2026-03-12"],
    ["pasado mañana", "es", "2026-03-13"],
    ["oggi", "it", "2026-03-11"],
    ["domani", "it", "2026-03-12"],
    ["dopodomani", "it", "2026-03-13"],
    ["vandaag", "nl", "2026-03-11"],
    ["morgen", "nl", "2026-03-12"],
    ["overmorgen", "nl", "2026-03-13"],
    // Weekdays: a bare or "on" weekday is the next one after today; "next" is next calendar week's.
    ["on Friday", "en", "2026-03-13"],
    ["Friday", "en", "2026-03-13"],
    ["this Friday", "en", "2026-03-13"],
    ["this Wednesday", "en", "2026-03-11"],
    ["on Wednesday", "en", "2026-03-18"],
    ["next Friday", "en", "2026-03-20"],
    ["next Monday", "en", "2026-03-16"],
    ["Friday next week", "en", "2026-03-20"],
    ["by Fri.", "en", "2026-03-13"],
    ["am Freitag", "de", "2026-03-13"],
    ["nächsten Freitag", "de", "2026-03-20"],
    ["kommenden Freitag", "de", "2026-03-13"],
    ["nächste Woche Freitag", "de", "2026-03-20"],
    ["vendredi", "fr", "2026-03-13"],
    ["vendredi prochain", "fr", "2026-03-13"],
    ["vendredi de la semaine prochaine", "fr", "2026-03-20"],
    ["el viernes", "es", "2026-03-13"],
    ["el próximo viernes", "es", "2026-03-13"],
    ["el viernes que viene", "es", "2026-03-13"],
    ["el viernes de la semana que viene", "es", "2026-03-20"],
    ["venerdì", "it", "2026-03-13"],
    ["venerdì prossimo", "it", "2026-03-13"],
    ["venerdi della prossima settimana", "it", "2026-03-20"],
    ["vrijdag", "nl", "2026-03-13"],
    ["aanstaande vrijdag", "nl", "2026-03-13"],
    ["volgende vrijdag", "nl", "2026-03-20"],
    ["volgende week vrijdag", "nl", "2026-03-20"],
    // Periods from today.
    ["in 3 days", "en", "2026-03-14"],
    ["in two weeks", "en", "2026-03-25"],
    ["in a week", "en", "2026-03-18"],
    ["in a month", "en", "2026-04-11"],
    ["3 days from now", "en", "2026-03-14"],
    ["in zwei Wochen", "de", "2026-03-25"],
    ["in einer Woche", "de", "2026-03-18"],
    ["dans trois jours", "fr", "2026-03-14"],
    ["dans une semaine", "fr", "2026-03-18"],
    ["en dos semanas", "es", "2026-03-25"],
    ["dentro de tres días", "es", "2026-03-14"],
    ["tra tre giorni", "it", "2026-03-14"],
    ["fra due settimane", "it", "2026-03-25"],
    ["over drie dagen", "nl", "2026-03-14"],
    ["over een week", "nl", "2026-03-18"],
    // Ends of weeks (their Friday) and months.
    ["by the end of the month", "en", "2026-03-31"],
    ["end of next month", "en", "2026-04-30"],
    ["end of the week", "en", "2026-03-13"],
    ["end of next week", "en", "2026-03-20"],
    ["bis Ende des Monats", "de", "2026-03-31"],
    ["Ende nächsten Monats", "de", "2026-04-30"],
    ["Ende nächster Woche", "de", "2026-03-20"],
    ["fin du mois", "fr", "2026-03-31"],
    ["fin du mois prochain", "fr", "2026-04-30"],
    ["a fin de mes", "es", "2026-03-31"],
    ["final del mes que viene", "es", "2026-04-30"],
    ["fine mese", "it", "2026-03-31"],
    ["fine del mese prossimo", "it", "2026-04-30"],
    ["eind van de maand", "nl", "2026-03-31"],
    ["eind volgende week", "nl", "2026-03-20"],
    // Days of the month: this month's, or next month's once passed.
    ["the 15th", "en", "2026-03-15"],
    ["on the 3rd", "en", "2026-04-03"],
    ["on the 11th", "en", "2026-03-11"],
    ["on the third", "en", "2026-04-03"],
    ["am 3.", "de", "2026-04-03"],
    ["bis zum 15.", "de", "2026-03-15"],
    ["le 15", "fr", "2026-03-15"],
    ["el 15", "es", "2026-03-15"],
    ["il 15", "it", "2026-03-15"],
    ["op de 15e", "nl", "2026-03-15"],
    // Day and month in words.
    ["December 3", "en", "2026-12-03"],
    ["3 December", "en", "2026-12-03"],
    ["3rd of December", "en", "2026-12-03"],
    ["the third of December", "en", "2026-12-03"],
    ["Dec 3rd, 2027", "en", "2027-12-03"],
    ["Dec. 3", "en", "2026-12-03"],
    ["March 1", "en", "2027-03-01"],
    ["3. Dezember", "de", "2026-12-03"],
    ["am dritten Dezember", "de", "2026-12-03"],
    ["3 décembre", "fr", "2026-12-03"],
    ["le 1er avril", "fr", "2026-04-01"],
    ["le premier avril", "fr", "2026-04-01"],
    ["3 de diciembre", "es", "2026-12-03"],
    ["el tres de diciembre", "es", "2026-12-03"],
    ["3 dicembre 2026", "it", "2026-12-03"],
    ["tre dicembre", "it", "2026-12-03"],
    ["3 december", "nl", "2026-12-03"],
    ["derde december", "nl", "2026-12-03"],
    ["3 mrt", "nl", "2027-03-03"],
    // Digits: slashes are month-first only in US English.
    ["3/12", "en", "2026-03-12"],
    ["3/12", "en", "2026-12-03", { country: "GB" }],
    ["12/3", "en", "2026-12-03", { country: "US" }],
    ["12/3", "en", "2026-03-12", { country: "GB" }],
    ["3/12", "de", "2026-12-03"],
    ["3/12/2027", "fr", "2027-12-03"],
    ["3.12.", "de", "2026-12-03"],
    ["03.12.2026", "de", "2026-12-03"],
    ["03.12.26", "en", "2026-12-03"],
    ["2026-12-03", "en", "2026-12-03"],
    ["Friday, December 4", "en", "2026-12-04"],
  ];
  for (const [text, language, expected, over] of cases) {
    test(`${language}: "${text}"`, () => assert.deepEqual(dates(text, language, over), [expected]));
  }

  const none: Array<[string, Language]> = [
    ["31 February", "en"],
    ["February 29", "en"],
    ["30/02/2026", "en"],
    ["2026-02-30", "en"],
    ["31.04.", "de"],
    ["in December", "en"],
    ["May I ask something?", "en"],
    ["I may come by", "en"],
    ["I paid 3.12.", "en"],
    ["the 3rd one", "en"],
    ["the second", "en"],
    ["Guten Morgen", "de"],
    ["hier ist Anna", "de"],
    ["por la mañana", "es"],
    ["I sat down", "en"],
    ["So, ich möchte", "de"],
    ["last week", "en"],
    ["3-12", "en"],
  ];
  for (const [text, language] of none) {
    test(`no date: "${text}" (${language})`, () => assert.deepEqual(dates(text, language), []));
  }

  test("a day of the month that this month lacks moves to the next month that has it", () => {
    assert.deepEqual(dates("on the 31st", "en", { today: "2026-04-05" }), ["2026-05-31"]);
  });

  test("without a valid today only absolute dates come back", () => {
    assert.deepEqual(dates("tomorrow or 2026-12-03", "en", { today: "not a date" }), []);
  });

  test("spans", () => {
    assert.deepEqual(
      run(extractDates, "I'll pay next Friday or by the end of the month").map((e) => e.text),
      ["next Friday", "end of the month"],
    );
  });

  test("property: any valid ISO date is read back", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
        (d) => {
          const day = d.toISOString().slice(0, 10);
          assert.deepEqual(dates(`deliver on ${day} please`), [day]);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("property: 'in N days' is today plus N", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), (n) => {
        const expected = new Date(Date.UTC(2026, 2, 11 + n)).toISOString().slice(0, 10);
        assert.deepEqual(dates(`in ${n} days`), [expected]);
      }),
      { numRuns: 200 },
    );
  });

  test("property: a day-first date without a year is never in the past", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), (day, month) => {
        const [found] = dates(`${day}.${month}.`, "de");
        assert.ok(found !== undefined && found >= "2026-03-11");
        assert.equal(Number(found.slice(5, 7)), month);
        assert.equal(Number(found.slice(8, 10)), day);
      }),
      { numRuns: 300 },
    );
  });
});
