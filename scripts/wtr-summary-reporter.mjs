// @web/test-runner reporter that writes machine-readable totals, for wrapper scripts:
//   test-results/browser.json  { "passed": n, "failed": n, "skipped": n, "files": n, "fileErrors": n }
// Counts individual tests across all sessions (test files × browsers). A session that failed
// without reporting any test (syntax error, 404, crash, timeout) counts as one failed test, so a
// broken file can never look green.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** @param {import('@web/test-runner-core').TestSuiteResult | undefined} suite */
function countSuite(suite, totals) {
  if (!suite) return 0;
  let seen = 0;
  for (const test of suite.tests ?? []) {
    seen += 1;
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites ?? []) seen += countSuite(child, totals);
  return seen;
}

/**
 * @param {{ outFile?: string }} [options]
 * @returns {import('@web/test-runner').Reporter}
 */
export function summaryJsonReporter(options = {}) {
  const outFile = resolve(options.outFile ?? 'test-results/browser.json');
  return {
    start() {
      // A stale file from an earlier run must never stand in for a run that crashed.
      rmSync(outFile, { force: true });
    },
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, files: 0, fileErrors: 0 };
      const files = new Set();
      for (const session of sessions) {
        files.add(session.testFile);
        const seen = countSuite(session.testResults, totals);
        const broken = session.passed === false && (session.errors?.length ?? 0) > 0;
        if (broken) totals.fileErrors += 1;
        if (broken && seen === 0) totals.failed += 1;
      }
      totals.files = files.size;
      mkdirSync(dirname(outFile), { recursive: true });
      writeFileSync(outFile, `${JSON.stringify(totals, null, 2)}\n`);
    },
  };
}

export default summaryJsonReporter;
