// After every test, fails it when a secret it handed to a node (credentials given to runWorkflow, the
// trigger and poll harnesses or a fake context that registers them; a webhook secret a trigger
// generated) shows up in what the nodes produced: output items, decoded files, errors, hints, webhook
// answers and log lines. Sandbox request logs are not node output and redact auth themselves; they
// are not scanned. See test/harness/secretRecorder.ts.
import path from 'node:path';

import {
	finishFileRecording,
	finishTestRecording,
	startTestRecording,
} from '../harness/secretRecorder';
import { describeLeaks } from '../harness/secretScan';

beforeEach(() => {
	startTestRecording();
});

afterEach(() => {
	const leaks = finishTestRecording();
	if (leaks.length > 0) {
		throw new Error(describeLeaks(expect.getState().currentTestName ?? 'a test', leaks));
	}
});

afterAll(() => {
	const leaks = finishFileRecording();
	if (leaks.length > 0) {
		const file = path.relative(process.cwd(), expect.getState().testPath ?? '');
		throw new Error(describeLeaks(`the hooks of ${file}`, leaks));
	}
});
