/**
 * tau's `calculate`: + - * / and parentheses over decimal numbers, rounded to 2 places. A small
 * parser rather than eval, so the expression can only ever be arithmetic.
 */
export function calculate(expression: string): { ok: true; value: number } | { ok: false; error: string } {
  if (!/^[0-9+\-*/(). ]*$/.test(expression)) return { ok: false, error: "invalid characters in expression" };
  let pos = 0;
  const peek = () => {
    while (expression[pos] === " ") pos++;
    return expression[pos];
  };
  const fail = (message: string): never => {
    throw new SyntaxError(message);
  };
  const number = (): number => {
    peek();
    const match = /^\d*\.?\d+|^\d+\.?/.exec(expression.slice(pos));
    if (!match) return fail(`number expected at ${pos}`);
    pos += match[0].length;
    return Number.parseFloat(match[0]);
  };
  const factor = (): number => {
    const c = peek();
    if (c === "+") {
      pos++;
      return factor();
    }
    if (c === "-") {
      pos++;
      return -factor();
    }
    if (c === "(") {
      pos++;
      const v = sum();
      if (peek() !== ")") fail("missing )");
      pos++;
      return v;
    }
    return number();
  };
  const product = (): number => {
    let v = factor();
    for (let c = peek(); c === "*" || c === "/"; c = peek()) {
      pos++;
      const r = factor();
      if (c === "/" && r === 0) fail("division by zero");
      v = c === "*" ? v * r : v / r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    for (let c = peek(); c === "+" || c === "-"; c = peek()) {
      pos++;
      v = c === "+" ? v + product() : v - product();
    }
    return v;
  };
  try {
    const value = sum();
    if (peek() !== undefined) fail(`unexpected '${expression[pos]}'`);
    return { ok: true, value: Math.round((value + Number.EPSILON * Math.sign(value)) * 100) / 100 };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Python's str(float): integral values keep one decimal ("51.0"). */
export function pythonFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}
