import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with the plain line CI reads: "N passed, N failed". Skipped tests are listed
 * with their reasons just above it, so a skip is never silent. A module that failed to load
 * or an unhandled error counts as a failure.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    const skipped: string[] = [];
    for (const mod of modules) {
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
      for (const test of mod.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') failed++;
        else if (result.state === 'skipped') skipped.push(`${test.fullName}${result.note ? `: ${result.note}` : ''}`);
      }
    }
    for (const s of skipped) process.stdout.write(`skipped: ${s}\n`);
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
  }
}
