import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';

// n8n-core writes its settings file into the user folder: keep it out of the real home.
process.env.N8N_USER_FOLDER = mkdtempSync(path.join(tmpdir(), 'n8n-test-'));
process.env.N8N_LOG_LEVEL = 'silent';

// Tests talk to nock only: any request it does not expect fails instead of leaving the machine.
nock.disableNetConnect();
afterEach(() => nock.cleanAll());
// Each test file loads its own nock, but they all patch Node's one http module: unpatch it when
// the file is done, or the next file's requests would meet this file's (empty) interceptors.
afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});
