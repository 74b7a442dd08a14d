import type { ICredentialType, IDataObject, IRun } from 'n8n-workflow';

import { asSecretValue, findLeaks, secretsOfCredential } from './secretScan';
import type { Leak, Observation, Recording, Secret } from './secretScan';

/**
 * What the secret scan (test/setup/secretScan.ts) checks after every test: the secrets the test handed
 * to nodes and everything the nodes gave back. Whatever happens outside a test (`beforeAll`) belongs
 * to the file: its secrets count for every test, its observations are scanned with the next test.
 */
interface Scope {
	secrets: Secret[];
	observations: Observation[];
	/** Leaks a test expects, each with the reason it gave (`allowSecretIn`). */
	allowed: Array<{ where: RegExp; reason: string }>;
}

const emptyScope = (): Scope => ({ secrets: [], observations: [], allowed: [] });

const file = emptyScope();
let test: Scope | undefined;
let logLines = 0;

const scope = (): Scope => test ?? file;

export function registerSecrets(secrets: readonly Secret[]): void {
	scope().secrets.push(...secrets);
}

/** Registers the secret fields of a credential handed to a node (see `secretFieldsOf`). */
export function registerCredential(
	typeName: string,
	data: Readonly<Record<string, unknown>>,
	type?: ICredentialType,
): void {
	registerSecrets(secretsOfCredential(typeName, data, type));
}

/** Registers the webhook secret a trigger keeps in its static data, as it must never be emitted. */
export function registerStaticDataSecrets(nodeName: string, staticData: IDataObject): void {
	registerSecrets(
		Object.entries(staticData).flatMap(([field, raw]) => {
			const value = /secret/i.test(field) ? asSecretValue(raw) : undefined;
			return value === undefined
				? []
				: [{ source: `static data of "${nodeName}", field "${field}"`, value }];
		}),
	);
}

export function recordObservation(where: string, value: unknown): void {
	scope().observations.push({ where, value });
}

/** Runs `run`, records what it returned (unless `recordResult` is false) or threw, and passes it on. */
export async function observe<T>(
	where: string,
	run: () => Promise<T>,
	recordResult = true,
): Promise<T> {
	try {
		const result = await run();
		if (recordResult) recordObservation(where, result);
		return result;
	} catch (error) {
		recordObservation(`${where} (thrown)`, error);
		throw error;
	}
}

export function recordLogLine(level: string, message: string, metadata: unknown): void {
	logLines += 1;
	recordObservation(`log line ${logLines} (${level})`, { message, metadata });
}

/** Records what n8n keeps of a run: every item of every node, node errors, hints and the run error. */
export function recordRun(run: IRun): void {
	const { runData, error, ...restOfResult } = run.data.resultData;
	for (const [nodeName, tasks] of Object.entries(runData)) {
		tasks.forEach((task, runIndex) => {
			const node = `node "${nodeName}"${runIndex > 0 ? ` (run ${runIndex + 1})` : ''}`;
			for (const outputs of Object.values(task.data ?? {})) {
				outputs.forEach((items, output) => {
					(items ?? []).forEach((item, index) => {
						recordObservation(`output ${output}, item ${index} of ${node}`, item);
					});
				});
			}
			if (task.error) recordObservation(`error of ${node}`, task.error);
			if (task.hints?.length) recordObservation(`hints of ${node}`, task.hints);
			const { data: _items, error: _error, hints: _hints, ...restOfTask } = task;
			recordObservation(`run data of ${node}`, restOfTask);
		});
	}
	if (error) recordObservation('error of the run', error);
	recordObservation('run data', { ...run, data: { ...run.data, resultData: restOfResult } });
}

/**
 * Lets the current test put a secret where `where` matches, for a test that does so on purpose
 * (e.g. to prove redaction); give the reason, it is part of the test's documentation.
 */
export function allowSecretIn(where: RegExp, reason: string): void {
	if (!test) throw new Error('allowSecretIn works only inside a test');
	test.allowed.push({ where, reason });
}

/** What the scan after the current test would look at so far. */
export function currentRecording(): Recording {
	const current = test ?? emptyScope();
	return {
		secrets: [...file.secrets, ...current.secrets],
		observations: [...file.observations, ...current.observations],
	};
}

function scan(
	secrets: readonly Secret[],
	observations: readonly Observation[],
	allowed: Scope['allowed'],
): Leak[] {
	return findLeaks({ secrets, observations }).filter(
		(leak) => !allowed.some((allowance) => allowance.where.test(leak.where)),
	);
}

export function startTestRecording(): void {
	test = emptyScope();
	logLines = 0;
}

/** Ends the current test's recording and returns its leaks; the file's pending observations go with it. */
export function finishTestRecording(): Leak[] {
	const { secrets, observations } = currentRecording();
	const allowed = test?.allowed ?? [];
	test = undefined;
	file.observations = [];
	return scan(secrets, observations, allowed);
}

/** The leaks of whatever ran after the last test of the file (`afterAll`). */
export function finishFileRecording(): Leak[] {
	const leaks = scan(file.secrets, file.observations, []);
	file.observations = [];
	return leaks;
}
