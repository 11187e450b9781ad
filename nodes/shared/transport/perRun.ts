import type { IExecuteSingleFunctions } from 'n8n-workflow';

/**
 * State shared by the items of one node run, made by `create` for the first item. RoutingNode
 * gives every item of a run the same execute-data object, so it keys the run; the state goes
 * away with it.
 */
export function perRun<T extends object>(create: (context: IExecuteSingleFunctions) => T) {
	const byRun = new WeakMap<object, T>();
	return (context: IExecuteSingleFunctions): T => {
		const run = context.getExecuteData();
		let state = byRun.get(run);
		if (!state) {
			state = create(context);
			byRun.set(run, state);
		}
		return state;
	};
}
