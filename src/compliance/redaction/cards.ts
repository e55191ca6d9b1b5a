/**
 * Payment card numbers are masked before a message is stored, logged or read by the agent: customers
 * paste them into chats and read them out on calls, and PCI DSS forbids keeping them. A candidate is
 * 13 to 19 digits, optionally grouped by spaces or dashes, that passes the Luhn check; what is kept is
 * the last four digits, which is enough to talk about the card. Numbers written after "+" (phones) or
 * starting with 0, 1, 7, 8 or 9 (no major card network issues those) are left alone.
 */

/** Digit groups joined by single spaces or dashes, standing alone (not inside a word or an id). */
const RUN = /(?<![\p{L}\p{N}+])\d+(?:[ -]\d+)*(?![\p{L}\p{N}])/gu;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function maskCardNumbers(text: string): { text: string; masked: number } {
  let masked = 0;
  const out = text.replace(RUN, (run) => {
    // The card may share the run with other numbers ("order 12 4242 4242 4242 4242"): try whole groups,
    // longest spans first, so the grouping the customer typed decides where the card starts and ends.
    const groups = run.split(/[ -]/);
    const seps = run.match(/[ -]/g) ?? [];
    for (let length = groups.length; length >= 1; length--) {
      for (let from = 0; from + length <= groups.length; from++) {
        const digits = groups.slice(from, from + length).join("");
        if (digits.length < 13 || digits.length > 19) continue;
        // A run of one repeated digit ("0000 0000 0000 0") is not a card, and passes Luhn by accident.
        if (!luhnValid(digits) || /^(\d)\1+$/.test(digits)) continue;
        // Card networks' numbers start with 2 to 6; phone numbers in national form start with 0.
        if (!/^[2-6]/.test(digits)) continue;
        masked += 1;
        const before = groups
          .slice(0, from)
          .map((g, i) => g + (seps[i] ?? ""))
          .join("");
        const after = groups
          .slice(from + length)
          .map((g, i) => (seps[from + length - 1 + i] ?? "") + g)
          .join("");
        return `${before}[card ending ${digits.slice(-4)}]${after}`;
      }
    }
    return run;
  });
  return { text: out, masked };
}
