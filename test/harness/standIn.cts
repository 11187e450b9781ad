import nock from 'nock';

// A typed view of the stand-in API (dev/stand-in is plain JavaScript so that npm start can run
// it before anything is compiled).

export interface Fault {
	kind: 'status' | 'html' | 'drop' | 'echoKey';
	format?: 'html';
	status?: number;
	every?: number;
	next?: number;
}

export interface StandInConfig {
	key: string;
	/** The agent endpoint's access key: the only key POST /api/v1/chat/completions accepts, and one no other route does. */
	agentKey: string;
	latencyMs: number;
	/** Each answer's latency varies by up to this fraction either way. */
	latencyJitter: number;
	maxConcurrent: number;
	/** DigitalOcean's refilling quota buckets, announced in x-ratelimit-* headers unless quotaHeaders is false. */
	quota?: { requests?: { capacity: number; perSecond: number }; tokens?: { capacity: number; perSecond: number } };
	quotaHeaders: boolean;
	ratePerSecond: number;
	retryAfter: boolean;
	faults: Fault[];
	holdUntilInFlight: number;
	emptyRole: boolean;
	/** The fewest tokens a marked prompt prefix of an Anthropic model needs to be cached. */
	cacheMinTokens: number;
	embeddingsAlwaysFloat: boolean;
	jobPolls: number;
	batchPolls: number;
	batchNotReady: '412' | 'flag';
	batchMaxBytes: number;
	batchResultsDelay: number;
}

export interface StandInStats {
	requests: number;
	inFlight: number;
	maxInFlight: number;
	byStatus: Record<string, number>;
	byRoute: Record<string, number>;
	dropped: number;
	chatRequests: number;
	/** Valid requests to the agent endpoint (not in chatRequests; their answers count in completions). */
	agentRequests: number;
	completions: number;
	/** Texts embedded, and embeddings requests by the encoding_format they asked for ("(not sent)"). */
	embeddedInputs: number;
	embeddingFormats: Record<string, number>;
	responses: number;
	streamed: number;
	servedByPrompt: Record<string, number>;
	/** Requests a router picked the model for, and per X-Model-Affinity value the pick it pinned. */
	routedRequests: number;
	byAffinity: Record<string, { model: string; route: string | null; requests: number }>;
	/** Answers that wrote a marked prompt prefix to the cache, and that read it. */
	cacheWrites: number;
	cacheReads: number;
	presignedWithAuth: number;
	firstStartedAt: number;
	lastEndedAt: number;
	inFlightMs: number;
}

export interface StandIn {
	url: string;
	port: number;
	key: string;
	agentKey: string;
	stats(): StandInStats;
	configure(patch: Partial<StandInConfig>): void;
	reset(): void;
	close(): Promise<void>;
}

export const { startStandIn } = require('../../dev/stand-in/server') as {
	startStandIn(options?: Partial<StandInConfig> & { port?: number }): Promise<StandIn>;
};

/** A passage of the agent's knowledge base, as the agent's retrieval info lists it (without its score). */
export interface AgentPassage {
	id: string;
	index: string;
	page_content: string;
	filename: string;
	data_source_id: string;
	metadata: { page_number?: number };
}

/** What the agent endpoint answers with (dev/stand-in/agent.js): the model it names, its knowledge base, a guardrail's refusal. */
export const { AGENT_MODEL, AGENT_KNOWLEDGE_BASE, AGENT_GUARDRAIL_RESPONSE } = require('../../dev/stand-in/agent') as {
	AGENT_MODEL: string;
	AGENT_KNOWLEDGE_BASE: AgentPassage[];
	AGENT_GUARDRAIL_RESPONSE: string;
};

/**
 * A stand-in for the tests of the current describe block (or file): started before them,
 * reset before each, closed after. Requests to it pass nock, over loopback.
 */
export function useStandIn(): { current: StandIn } {
	const holder = {} as { current: StandIn };
	beforeAll(async () => {
		holder.current = await startStandIn();
	});
	afterAll(async () => holder.current?.close());
	beforeEach(() => {
		nock.enableNetConnect('127.0.0.1');
		holder.current.reset();
	});
	return holder;
}

/** A POST of JSON to the stand-in with its key, and what came back: status, headers, parsed body. */
export async function postToStandIn(stand: StandIn, path: string, body: unknown, headers: Record<string, string> = {}) {
	const response = await fetch(`${stand.url}${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${stand.key}`, 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, any> };
}
