// Runs named scenarios one after another and reports each as one JSON line on stdout, which the JUnit side
// (io.amlcompute.provisioner.nodejs.ScenarioReport) turns into one test per scenario:
//   {"plan": ["name", ...]}                      first, so a scenario that never reports still fails
//   {"scenario": "name", "ok": true, "ms": 12}   or  {"scenario": "name", "ok": false, "error": "..."}
// A scenario is an async function; it fails by throwing (node:assert) or by outliving its timeout.
// No dependencies: every suite under src/test/js imports it as ../harness/scenarios.mjs.

const DEFAULT_TIMEOUT_MS = 30_000;

export async function runScenarios(scenarios, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  // SCENARIOS="part|other part" runs only the scenarios whose names contain one of the parts.
  const only = process.env.SCENARIOS ? process.env.SCENARIOS.split("|") : null;
  const planned = scenarios.filter(([name]) => !only || only.some((part) => name.includes(part)));
  report({ plan: planned.map(([name]) => name) });
  let failed = 0;
  for (const [name, scenario] of planned) {
    const started = Date.now();
    try {
      await withTimeout(scenario(), timeoutMs, name);
      report({ scenario: name, ok: true, ms: Date.now() - started });
    } catch (error) {
      failed++;
      report({ scenario: name, ok: false, ms: Date.now() - started, error: describe(error) });
    }
  }
  return failed;
}

function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error) {
  if (error && typeof error === "object") {
    const code = error.code ? ` [code=${error.code}]` : "";
    return `${error.name ?? "Error"}: ${error.message}${code}`;
  }
  return String(error);
}

function report(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

/** Polls until check() returns a truthy value (which it returns), or fails after timeoutMs. */
export async function eventually(check, { timeoutMs = 10_000, intervalMs = 100, what = "condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) {
      return last;
    }
    await sleep(intervalMs);
  }
  throw new Error(`${what} not met within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The environment variable, or a clear failure naming it. */
export function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`set ${name}`);
  }
  return value;
}
