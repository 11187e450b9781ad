import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	ISupplyDataFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { readEmbeddingsAnswer } from '../shared/embeddings/vectors';
import { answerError, apiErrorFor, UnsuccessfulAnswer } from '../shared/transport/answers';
import { failureError, sendWithRetries } from '../shared/transport/attempts';
import { AdaptiveSlots } from '../shared/transport/concurrency';
import { type QuotaPacer, sendPaced } from '../shared/transport/pacer';
import { CREDENTIAL_TYPE, credentialPacer, decryptedCredential } from '../shared/transport/runCredentials';
import { withoutSecret } from '../shared/transport/secrets';

export interface EmbeddingsSettings {
	/** The API's version 1 address, e.g. https://inference.do-ai.run/v1. */
	apiUrl: string;
	apiKey: string;
	credentialData: ICredentialDataDecryptedObject;
	model: string;
	batchSize: number;
	maxConcurrentRequests: number;
	maxRetries: number;
	/** Milliseconds to wait for each answer. */
	timeout: number;
}

type AiEvent = 'ai-document-embedded' | 'ai-query-embedded';

/**
 * What n8n's vector stores and the AI nodes call on an embeddings connection: `embedDocuments`
 * and `embedQuery`, nothing else (LangChain's EmbeddingsInterface). It records each call as the
 * sub-node's input and output in the run, as n8n's logWrapper does for its own embeddings
 * nodes, so the editor shows them. Requests go the node's way: DigitalOcean's retry policy,
 * bounded and adaptive concurrency, the key hidden in whatever an answer quotes, errors worded
 * like the DigitalOcean Gradient node's.
 */
export class GradientEmbeddings {
	private readonly slots: AdaptiveSlots;

	/** The credential's pacer, shared with the DigitalOcean Gradient node's runs. */
	private readonly pacer: QuotaPacer;

	constructor(
		private readonly context: ISupplyDataFunctions,
		private readonly settings: EmbeddingsSettings,
	) {
		this.pacer = credentialPacer(context.getNode(), settings.credentialData);
		const { pacer } = this;
		this.slots = new AdaptiveSlots(settings.maxConcurrentRequests, undefined, () => pacer.governs);
	}

	/**
	 * One vector per document, in order; Batch Size documents per request, requests in parallel
	 * up to the limit. The first request that fails stops the others (their results would be
	 * thrown away): they are not sent, retried or waited for any more.
	 */
	async embedDocuments(documents: string[]): Promise<number[][]> {
		return await this.logged({ documents }, 'ai-document-embedded', async () => {
			const texts = this.textsOf(documents);
			const { batchSize } = this.settings;
			const batches = Array.from({ length: Math.ceil(texts.length / batchSize) }, (_, index) =>
				texts.slice(index * batchSize, (index + 1) * batchSize),
			);
			return await this.untilOneFails(async (call) => {
				const vectors = await Promise.all(batches.map(async (batch) => await this.embed(batch, call)));
				return vectors.flat();
			});
		});
	}

	async embedQuery(query: string): Promise<number[]> {
		return await this.logged({ query }, 'ai-query-embedded', async () => {
			const text = this.textOf(query, 'Query');
			const [vector] = await this.untilOneFails(async (call) => await this.embed([text], call));
			return vector;
		});
	}

	/**
	 * Runs one call's `requests` with a controller that aborts when the execution is cancelled
	 * or when one of them fails (each request aborts it on its way out with an error).
	 */
	private async untilOneFails<T>(requests: (call: AbortController) => Promise<T>): Promise<T> {
		const call = new AbortController();
		const execution = this.context.getExecutionCancelSignal?.();
		const onCancel = () => call.abort(execution?.reason);
		if (execution?.aborted) onCancel();
		execution?.addEventListener('abort', onCancel, { once: true });
		try {
			return await requests(call);
		} finally {
			execution?.removeEventListener('abort', onCancel);
		}
	}

	private textOf(value: unknown, what: string): string {
		const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
		if (typeof text !== 'string') throw this.inputError(`${what}: is not text`);
		if (text.trim() === '') throw this.inputError(`${what}: is empty; there is nothing to embed`);
		return text;
	}

	private textsOf(documents: unknown): string[] {
		if (!Array.isArray(documents)) throw this.inputError('Documents: not a list of texts');
		return documents.map((document, index) => this.textOf(document, `Document ${index}`));
	}

	private inputError(message: string): NodeOperationError {
		return new NodeOperationError(this.context.getNode(), message, {
			description: 'Each document the vector store embeds needs some text: check what the document loader gives it.',
		});
	}

	/** One request for `inputs`, sent again as DigitalOcean's retry policy says; its failure stops the call's other requests. */
	private async embed(inputs: string[], call: AbortController): Promise<number[][]> {
		const { model, maxRetries } = this.settings;
		const node = this.context.getNode();
		try {
			const body = await sendWithRetries(async () => await this.send(inputs, call.signal), {
				slots: this.slots,
				maxRetries,
				signal: call.signal,
				giveUp: (failure, note) => {
					// Stops the call's other requests before the slot this one held goes to one of them.
					const worded = failureError(node, failure, { model, note });
					call.abort(worded);
					return worded;
				},
			});
			const answer = readEmbeddingsAnswer(body, inputs.length);
			if (typeof answer === 'string') {
				throw answerError(node, body, {
					message: answer,
					description: 'Check that the model is an embedding model, and the Base URL in the DigitalOcean Gradient credential.',
				});
			}
			return answer.vectors;
		} catch (error) {
			const worded = failureError(node, error, { model });
			call.abort(worded);
			throw worded;
		}
	}

	/** One attempt: the answer's body, or UnsuccessfulAnswer for the retry policy to judge. */
	private async send(inputs: string[], signal: AbortSignal): Promise<unknown> {
		const { apiUrl, apiKey, credentialData, model, timeout } = this.settings;
		const options: IHttpRequestOptions = {
			method: 'POST',
			url: `${apiUrl}/embeddings`,
			headers: { Accept: 'application/json' },
			body: { model, input: inputs },
			json: true,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
			timeout,
			abortSignal: signal,
		};
		const response = (await sendPaced(this.pacer, options, signal, async () =>
			await this.context.helpers.httpRequestWithAuthentication.call(this.context, CREDENTIAL_TYPE, options, {
				credentialsDecrypted: decryptedCredential(this.context.getNode(), credentialData),
			}),
		)) as IN8nHttpFullResponse;
		const answer = {
			statusCode: response.statusCode,
			body: withoutSecret(response.body, apiKey),
			headers: withoutSecret(response.headers, apiKey),
		};
		if (apiErrorFor(this.context.getNode(), answer)) throw new UnsuccessfulAnswer(answer);
		return answer.body;
	}

	/** Runs a call as the sub-node's own run: its input and output (or error) recorded for the editor. */
	private async logged<T>(input: IDataObject, event: AiEvent, call: () => Promise<T>): Promise<T> {
		const { context } = this;
		const { index } = context.addInputData(NodeConnectionTypes.AiEmbedding, [[{ json: input }]]);
		try {
			const response = await call();
			try {
				context.logAiEvent(event);
			} catch {
				// As n8n's logWrapper: the event is for n8n's log streams, and its loss fails nothing.
				context.logger.debug(`DigitalOcean Gradient Embeddings: could not log the event ${event}`);
			}
			context.addOutputData(NodeConnectionTypes.AiEmbedding, index, [[{ json: { response } as IDataObject }]]);
			return response;
		} catch (error) {
			const nodeError =
				error instanceof NodeOperationError
					? error
					: new NodeOperationError(context.getNode(), error as Error, { functionality: 'configuration-node' });
			context.addOutputData(NodeConnectionTypes.AiEmbedding, index, nodeError);
			throw nodeError;
		}
	}
}
