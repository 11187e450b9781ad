// A typed view of the stand-in API (dev/stand-in is plain JavaScript so that npm start can run
// it before anything is compiled).

export interface Fault {
	kind: 'status' | 'html' | 'drop';
	status?: number;
	every?: number;
	next?: number;
}

export interface StandInConfig {
	key: string;
	latencyMs: number;
	maxConcurrent: number;
	ratePerSecond: number;
	faults: Fault[];
	holdUntilInFlight: number;
}

export interface StandInStats {
	requests: number;
	inFlight: number;
	maxInFlight: number;
	byStatus: Record<string, number>;
	dropped: number;
	chatRequests: number;
	completions: number;
	servedByPrompt: Record<string, number>;
}

export interface StandIn {
	url: string;
	port: number;
	key: string;
	stats(): StandInStats;
	configure(patch: Partial<StandInConfig>): void;
	reset(): void;
	close(): Promise<void>;
}

export const { startStandIn } = require('../../dev/stand-in/server') as {
	startStandIn(options?: Partial<StandInConfig> & { port?: number }): Promise<StandIn>;
};
