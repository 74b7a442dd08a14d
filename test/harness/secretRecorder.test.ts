import { testLogger } from './logger';
import {
	allowSecretIn,
	currentRecording,
	finishTestRecording,
	recordObservation,
	registerCredential,
	startTestRecording,
} from './secretRecorder';
import { findLeaks } from './secretScan';
import { manualTriggerWorkflow, runWorkflow } from './workflow';

const KEY = 'sk-live-5e2f9a7c13d4';

/** A workflow whose Set node writes `value` into its output, as a leaking node would. */
function leakingWorkflow(value: string) {
	return manualTriggerWorkflow('leak probe', {
		name: 'Set',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			assignments: { assignments: [{ id: 'a', name: 'note', type: 'string', value }] },
			options: {},
		},
	});
}

/** Ends the current recording the way the scan after each test does, and starts a clean one. */
function scanNow() {
	const leaks = finishTestRecording();
	startTestRecording();
	return leaks;
}

describe('the secret recorder', () => {
	it('fails a test whose run puts a credential handed to runWorkflow into an output item', async () => {
		await runWorkflow(leakingWorkflow(`key ${KEY}`), {
			credentials: { maileonApi: { apiKey: KEY } },
		});

		expect(scanNow()).toEqual([
			{
				source: 'credential "maileonApi", field "apiKey"',
				form: 'as is',
				where: 'output 0, item 0 of node "Set" › json.note',
			},
		]);
	});

	it('passes a run that keeps the credential to itself', async () => {
		await runWorkflow(leakingWorkflow('nothing secret'), {
			credentials: { maileonApi: { apiKey: KEY } },
		});

		expect(scanNow()).toEqual([]);
	});

	it("records n8n's log lines instead of printing them", () => {
		registerCredential('maileonApi', { apiKey: KEY });

		testLogger.warn('Retrying', {
			authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`,
		});

		expect(scanNow()).toEqual([
			{
				source: 'credential "maileonApi", field "apiKey"',
				form: 'base64',
				where: 'log line 1 (warn) › metadata.authorization',
			},
		]);
	});

	it('lets a test put a secret where it says, and nowhere else', () => {
		registerCredential('maileonApi', { apiKey: KEY });
		recordObservation('redaction probe', KEY);
		recordObservation('output 0, item 0 of node "Maileon"', { json: { key: KEY } });

		allowSecretIn(/^redaction probe$/, 'the probe holds the key on purpose');

		expect(findLeaks(currentRecording()).map((leak) => leak.where)).toEqual([
			'redaction probe',
			'output 0, item 0 of node "Maileon" › json.key',
		]);
		expect(scanNow().map((leak) => leak.where)).toEqual([
			'output 0, item 0 of node "Maileon" › json.key',
		]);
	});
});
