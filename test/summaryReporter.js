// Prints the plain closing line CI reads ("N passed, N failed, N skipped"); jest's own summary
// puts the counts in another order.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
		// A suite that fails to load runs no test but is a failure all the same.
		const failed = numFailedTests + results.numRuntimeErrorTestSuites;
		process.stdout.write(
			`\ntests: ${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped\n`,
		);
	}
}

module.exports = SummaryReporter;
