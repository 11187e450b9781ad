// A workflow's executions as n8n saved them, read through the REST API the editor uses: for a
// run started in the browser, whose items the output panel shows only in part.
const { parse: parseFlatted } = require('flatted');

/** A logged-in REST session (dev/n8n.js RestSession). */
interface Rest {
	request(method: string, urlPath: string, body?: unknown): Promise<{ status: number; json: any; text: string }>;
}

type RunData = Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> }; error?: { message: string } }>>;

/** The ID of a workflow's newest execution, if it has one. */
export async function newestExecutionId(rest: Rest, workflowId: string): Promise<string | undefined> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	return (await rest.request('GET', `/rest/executions?filter=${filter}&limit=1`)).json?.data?.results?.[0]?.id;
}

/**
 * The items each node output in an execution, on its first output or on `output` (an If's false
 * branch is 1), and the workflow as it ran (its nodes with their credentials).
 */
export async function executionOutput(rest: Rest, executionId: string) {
	const response = await rest.request('GET', `/rest/executions/${executionId}`);
	if (response.status !== 200) throw new Error(`Reading execution ${executionId} failed (HTTP ${response.status}): ${response.text}`);
	const execution = response.json.data;
	const data = parseFlatted(execution.data);
	const runData: RunData = data.resultData.runData;
	const items = (node: string, output = 0) => (runData[node]?.[0]?.data?.main?.[output] ?? []).map(({ json }) => json);
	return {
		status: execution.status as string,
		error: data.resultData.error?.message as string | undefined,
		items,
		nodes: (execution.workflowData?.nodes ?? []) as Array<{ name: string; credentials?: Record<string, { id: string; name: string }> }>,
	};
}

/** The newest execution of a workflow, once it has ended, that is not `after`. */
export async function latestExecution(rest: Rest, workflowId: string, after: string | undefined): Promise<string> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const response = await rest.request('GET', `/rest/executions?filter=${filter}&limit=1`);
		const [latest] = (response.json?.data?.results ?? []) as Array<{ id: string; status: string }>;
		if (latest && latest.id !== after && !['new', 'running', 'waiting'].includes(latest.status)) return latest.id;
		if (Date.now() > deadline) throw new Error(`No finished execution of workflow ${workflowId} after 120 s: ${response.text}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}
