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
import { credentialKindOf, runCredentials } from './runCredentials';
import { quotedWithoutSecret, withoutSecret } from './secrets';
import { preview, withoutKeys } from '../input';

/** A further request to the API, after the operation's own: same Base URL, headers and key. */
export interface FollowUpRequest {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	body?: IDataObject;
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
	download(url: string, hint?: string): Promise<Download>;
	/**
	 * Puts bytes to a presigned URL the API handed out, as application/octet-stream and with no
	 * credential (an Authorization header breaks the signature); retried like a download.
	 * `hint` says what to do when it is refused.
	 */
	upload(url: string, bytes: Buffer, hint: string): Promise<void>;
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
	const common = withoutKeys(base, 'method', 'url', 'qs', 'body');

	async function send({ method, url, qs, body, subject }: FollowUpRequest, read?: ReadAnswer) {
		const options: IHttpRequestOptions = { ...common, method, url, ...(qs ? { qs } : {}), ...(body ? { body } : {}), returnFullResponse: true };
		return await sendWithRetries(
			async () => {
				// What RoutingNode does with an operation's own request: the credential's authentication, then postReceive.
				const response = (await context.helpers.httpRequestWithAuthentication.call(context, credentialKindOf(context).type, {
					...options,
				})) as IN8nHttpFullResponse;
				const items = await rejectUnsuccessfulAnswer.call(context, [{ json: response.body as IDataObject }], response);
				return read ? await read.call(context, items, response) : items;
			},
			{ slots, maxRetries, signal, giveUp: (failure, note) => failureError(node, failure, { subject, itemIndex, note }) },
		);
	}

	/**
	 * One request to a URL an answer handed out, with n8n's plain helper: no credential, so the
	 * key never goes there. Retried in the download slots; its error says what the host said.
	 */
	async function transfer(method: 'GET' | 'PUT', url: string, failure: TransferFailure, body?: Buffer): Promise<Download> {
		const secret = (await runCredentials(context)).apiKey;
		const where = urlForMessage(url);
		return await sendWithRetries(
			async () => {
				const response = (await context.helpers.httpRequest({
					method,
					url,
					...(body ? { body, headers: { 'Content-Type': 'application/octet-stream' } } : {}),
					encoding: 'arraybuffer',
					json: false,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					// A stopped execution ends a transfer under way too (n8n's authenticated helper does this for API requests itself).
					...(signal ? { abortSignal: signal } : {}),
					...(base.timeout ? { timeout: base.timeout } : {}),
				})) as IN8nHttpFullResponse;
				const bytes = Buffer.isBuffer(response.body) ? response.body : Buffer.from((response.body ?? new ArrayBuffer(0)) as ArrayBuffer);
				if (response.statusCode < 200 || response.statusCode >= 300) {
					const said = quotedWithoutSecret(bytes.toString('utf8'), secret);
					throw new UnsuccessfulAnswer({ statusCode: response.statusCode, body: said, headers: response.headers });
				}
				const contentType = headerOf(response.headers, 'content-type')?.split(';')[0].trim().toLowerCase();
				return { bytes, contentType: contentType || undefined };
			},
			{
				slots: downloadSlots,
				maxRetries,
				signal,
				giveUp: (error, note) => transferError(context, { ...failure, where }, error, note, secret),
			},
		);
	}

	return {
		send,
		wait: async (ms) => await waitUnlessAborted(ms, signal),
		download: async (url, hint = MEDIA_FILES_HINT) => await transfer('GET', url, { verb: 'download', hint }),
		upload: async (url, bytes, hint) => {
			await transfer('PUT', url, { verb: 'upload to', hint }, bytes);
		},
	};
}

/** What a failed transfer was, for its error: "download" or "upload to", and what to do about it. */
interface TransferFailure {
	verb: string;
	hint: string;
	where?: string;
}

const MEDIA_FILES_HINT =
	'Files of finished jobs are kept for a limited time (DigitalOcean documents 2 hours for some): fetch them soon after the job completes, or start the job again.';

/** The error for a URL that could not be reached: what the host answered, or the connection's trouble. */
function transferError(context: IExecuteSingleFunctions, { verb, hint, where }: TransferFailure, failure: unknown, note: string, secret?: string): Error {
	const itemIndex = context.getItemIndex();
	const answer = failure instanceof UnsuccessfulAnswer ? failure.answer : undefined;
	const reason = answer
		? `HTTP ${answer.statusCode}`
		: withoutSecret((failure as Error)?.message ?? String(failure), secret);
	const said = answer && typeof answer.body === 'string' && answer.body !== '' ? `The host said: "${answer.body}". ` : '';
	const error = new NodeApiError(context.getNode(), { message: reason } as JsonObject, {
		itemIndex,
		message: `Could not ${verb} ${where}: ${reason}${note}`,
		description: `${said}${hint}`,
	});
	if (answer) error.httpCode = String(answer.statusCode);
	return error;
}
