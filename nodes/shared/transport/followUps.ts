import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { rejectUnsuccessfulAnswer, type Subject, UnsuccessfulAnswer } from './answers';
import { failureError, sendWithRetries, waitUnlessAborted } from './attempts';
import type { AdaptiveSlots } from './concurrency';
import { CREDENTIAL_TYPE, runCredentials } from './runCredentials';
import { withoutSecret } from './secrets';
import { preview } from '../input';

/** A further request to the API, after the operation's own: same Base URL, headers and key. */
export interface FollowUpRequest {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	/** What the request is about, for the error when the API does not know it (404). */
	subject?: Subject;
}

/** Turns a follow-up's successful answer into items, as an operation's postReceive does. */
export type ReadAnswer = (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
) => Promise<INodeExecutionData[]>;

/** A file fetched from a URL an answer gave. */
export interface Download {
	bytes: Buffer;
	/** The Content-Type the host sent, without parameters, if any. */
	contentType?: string;
}

/** What an operation's follow-up stage (followedBy) may do, all on the request path. */
export interface FollowUps {
	/** One more request to the API: retried, in a concurrency slot, the key hidden, errors worded as the operation's own. */
	send(request: FollowUpRequest, read?: ReadAnswer): Promise<INodeExecutionData[]>;
	/** Waits; a cancelled execution ends the wait at once (and the stage with it). */
	wait(ms: number): Promise<void>;
	/**
	 * Fetches a file from a URL the API handed out (a presigned or media-host URL): with no
	 * credential, so the model access key never goes to another host; retried like a request.
	 */
	download(url: string): Promise<Download>;
}

/** A stage that runs after the operation's answer became items (followedBy): it may send more, wait and download. */
export type FollowUpStage = (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	followUps: FollowUps,
) => Promise<INodeExecutionData[]>;

export interface FollowUpSettings {
	slots: AdaptiveSlots;
	downloadSlots: AdaptiveSlots;
	maxRetries: number;
	signal?: AbortSignal;
}

/** A URL as an error names it: without its query, where a presigned URL keeps its signature. */
export function urlForMessage(url: string): string {
	try {
		const { origin, pathname } = new URL(url);
		return `${origin}${pathname}`;
	} catch {
		return preview(url, 80);
	}
}

const headerOf = (headers: IN8nHttpFullResponse['headers'] | undefined, name: string) => {
	const value = headers?.[name];
	return typeof value === 'string' ? value : undefined;
};

/**
 * The follow-ups of one item's request: `base` is the item's request as it was sent (Base URL,
 * headers, timeout), without its method, URL, query and body.
 */
export function followUpsFor(
	context: IExecuteSingleFunctions,
	base: IHttpRequestOptions,
	{ slots, downloadSlots, maxRetries, signal }: FollowUpSettings,
): FollowUps {
	const node = context.getNode();
	const itemIndex = context.getItemIndex();
	const { method: _method, url: _url, qs: _qs, body: _body, ...common } = base;

	async function send({ method, url, qs, subject }: FollowUpRequest, read?: ReadAnswer) {
		const options: IHttpRequestOptions = { ...common, method, url, ...(qs ? { qs } : {}), returnFullResponse: true };
		return await sendWithRetries(
			async () => {
				// What RoutingNode does with an operation's own request: the credential's authentication, then postReceive.
				const response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
					...options,
				})) as IN8nHttpFullResponse;
				const items = await rejectUnsuccessfulAnswer.call(context, [{ json: response.body as IDataObject }], response);
				return read ? await read.call(context, items, response) : items;
			},
			{ slots, maxRetries, signal, giveUp: (failure, note) => failureError(node, failure, { subject, itemIndex, note }) },
		);
	}

	async function download(url: string): Promise<Download> {
		const secret = (await runCredentials(context)).apiKey;
		const where = urlForMessage(url);
		return await sendWithRetries(
			async () => {
				const response = (await context.helpers.httpRequest({
					method: 'GET',
					url,
					encoding: 'arraybuffer',
					json: false,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					// A stopped execution ends a download under way too (n8n's authenticated helper does this for API requests itself).
					...(signal ? { abortSignal: signal } : {}),
					...(base.timeout ? { timeout: base.timeout } : {}),
				})) as IN8nHttpFullResponse;
				const bytes = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body as ArrayBuffer);
				if (response.statusCode < 200 || response.statusCode >= 300) {
					const body = withoutSecret(preview(bytes.toString('utf8')), secret);
					throw new UnsuccessfulAnswer({ statusCode: response.statusCode, body, headers: response.headers });
				}
				const contentType = headerOf(response.headers, 'content-type')?.split(';')[0].trim().toLowerCase();
				return { bytes, contentType: contentType || undefined };
			},
			{
				slots: downloadSlots,
				maxRetries,
				signal,
				giveUp: (failure, note) => downloadError(context, where, failure, note, secret),
			},
		);
	}

	return { send, wait: async (ms) => await waitUnlessAborted(ms, signal), download };
}

/** The error for a file that could not be downloaded: what the host answered, or the connection's trouble. */
function downloadError(context: IExecuteSingleFunctions, where: string, failure: unknown, note: string, secret?: string): Error {
	const itemIndex = context.getItemIndex();
	const answer = failure instanceof UnsuccessfulAnswer ? failure.answer : undefined;
	const reason = answer
		? `HTTP ${answer.statusCode}`
		: withoutSecret((failure as Error)?.message ?? String(failure), secret);
	const said = answer && typeof answer.body === 'string' && answer.body !== '' ? `The host said: "${answer.body}". ` : '';
	const error = new NodeApiError(context.getNode(), { message: reason } as JsonObject, {
		itemIndex,
		message: `Could not download ${where}: ${reason}${note}`,
		description: `${said}Files of finished jobs are kept for a limited time (DigitalOcean documents 2 hours for some): fetch them soon after the job completes, or start the job again.`,
	});
	if (answer) error.httpCode = String(answer.statusCode);
	return error;
}
