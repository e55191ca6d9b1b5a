import type { TestResult } from "./runner.ts";

function xml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] as string,
  );
}

/** JUnit XML, the format CI systems read. */
export function junitReport(suite: string, results: TestResult[]): string {
  const failures = results.filter((r) => !r.passed).length;
  const time = results.reduce((s, r) => s + r.durationMs, 0) / 1000;
  const cases = results.map((r) => {
    const open = `  <testcase classname="${xml(suite)}" name="${xml(r.name)}" file="${xml(r.file)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
    if (r.passed) return `${open}/>`;
    return `${open}>\n    <failure message="${xml(r.failures[0] ?? "failed")}">${xml(r.failures.join("\n"))}\n\nTranscript:\n${xml(r.transcript.join("\n"))}</failure>\n  </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="${xml(suite)}" tests="${results.length}" failures="${failures}" time="${time.toFixed(3)}">\n${cases.join("\n")}\n</testsuite>\n`;
}
