import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

type PreSendHook = (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/** Input errors found by preSend hooks, kept until sendRequest reports them for their item. */
const inputErrors = new WeakMap<object, Error>();

/**
 * Wraps a preSend hook so that its error is reported by sendRequest instead of by n8n's
 * RoutingNode, whose error items carry no pairedItem. The first error of a request wins; the
 * request is then never sent.
 */
export function withItemErrors(hook: PreSendHook): PreSendHook {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		if (inputErrors.has(requestOptions)) return requestOptions;
		try {
			return await hook.call(this, requestOptions);
		} catch (error) {
			inputErrors.set(requestOptions, error as Error);
			return requestOptions;
		}
	};
}

/**
 * The request wrapper every operation goes through (RoutingNode calls it as the "pagination"
 * function, the one hook that wraps a whole request). A failed item becomes an error item
 * paired with its input item when the node continues on error.
 */
export async function sendRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	try {
		const inputError = inputErrors.get(requestData.options);
		if (inputError) throw inputError;
		return await this.makeRoutingRequest(requestData);
	} catch (error) {
		const itemIndex = this.getItemIndex();
		const nodeError =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
		if (!this.continueOnFail()) throw nodeError;
		return [{ json: { error: nodeError.message }, error: nodeError, pairedItem: { item: itemIndex } }];
	}
}
