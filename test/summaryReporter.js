// Prints the plain closing line CI reads ("N passed, N failed, N skipped"); jest's own summary
// puts the counts in another order. With TEST_SUMMARY_FILE set, it also appends the counts
// there, so that .ci/run can add up several jest runs.
const { appendFileSync } = require('node:fs');

class SummaryReporter {
	onRunComplete(_contexts, results) {
		const passed = results.numPassedTests;
		// A suite that fails to load runs no test but is a failure all the same.
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const skipped = results.numPendingTests + results.numTodoTests;
		process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
		if (process.env.TEST_SUMMARY_FILE) {
			appendFileSync(process.env.TEST_SUMMARY_FILE, `${JSON.stringify({ passed, failed, skipped })}\n`);
		}
	}
}

module.exports = SummaryReporter;
