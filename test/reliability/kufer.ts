import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import type { MaileonSandbox } from '../sandbox/maileon';
import { expectedStatuses, generateRecords, KuferFixtureStore, readBackSyncFile } from '../sandbox/kufer';
import type { ScenarioRun } from '../scenarios/types';
import { tally, type TargetCast } from './runs';

export const KUFER_TEMPLATE = 'kufer-maileon-transfer.json';

/** A KUFER address table and what the reference says about each address (kufer.md §3.3). */
export class KuferWorld {
	/** Records in the export. */
	readonly size: number;
	/** Merged status per lower-cased address: J, K, N, '' or an unknown value. */
	readonly statuses: Map<string, string>;
	/** J and K: may be mailed. */
	readonly sendable: string[];
	/** J: signed up for the newsletter. */
	readonly optedIn: string[];
	/** N: opted out in KUFER. */
	readonly optOuts: string[];
	private readonly exportBytes: Uint8Array;

	constructor(options: { count: number; seed: number }) {
		const records = generateRecords(options);
		this.size = records.length;
		this.statuses = expectedStatuses(records);
		this.sendable = this.withStatus('J', 'K');
		this.optedIn = this.withStatus('J');
		this.optOuts = this.withStatus('N');
		this.exportBytes = new KuferFixtureStore(records).export();
	}

	/** Writes the export (nobody ever imports a back-sync file into it) and the drop folder. */
	prepare(workDir: string, syncOptions?: IDataObject): ScenarioRun {
		const { exportFile, dropFolder } = kuferPaths(workDir);
		mkdirSync(path.dirname(exportFile), { recursive: true });
		mkdirSync(path.join(dropFolder, 'taken'), { recursive: true });
		writeFileSync(exportFile, this.exportBytes);
		const parameters: Record<string, IDataObject> = {
			'Read KUFER Export': { fileSelector: exportFile },
			'Save Back-Sync File': { fileName: `=${dropFolder}/{{ $json.fileName }}` },
		};
		if (syncOptions) parameters['Sync to Maileon'] = { options: syncOptions };
		return { parameters };
	}

	private withStatus(...wanted: string[]): string[] {
		return [...this.statuses].filter(([, status]) => wanted.includes(status)).map(([email]) => email);
	}
}

function kuferPaths(workDir: string) {
	return { exportFile: path.join(workDir, 'export', 'adressen.xml'), dropFolder: path.join(workDir, 'abmelder') };
}

/**
 * The addresses of the back-sync files written since the last call, one entry per row; the files move
 * to `taken/`, so two runs in the same second (the file name has seconds) cannot hide each other's.
 */
export function takeBackSyncRows(workDir: string): string[] {
	const { dropFolder } = kuferPaths(workDir);
	const emails: string[] = [];
	for (const entry of readdirSync(dropFolder, { withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const file = path.join(dropFolder, entry.name);
		const document = readBackSyncFile(new Uint8Array(readFileSync(file)));
		for (const row of document.rows) {
			if (row.newsletter.toUpperCase() === 'N') emails.push(row.email.toLowerCase());
		}
		renameSync(file, path.join(dropFolder, 'taken', `${Date.now()}-${entry.name}`));
	}
	return emails;
}

/** How many active (not anonymised) Maileon contacts each lower-cased address has. */
export function maileonAddresses(maileon: MaileonSandbox): Map<string, number> {
	return tally(maileon.state.listContacts().map((contact) => (contact.email ?? '').toLowerCase()));
}

/** Seeds Maileon contacts with these addresses and lets each click the unsubscribe link. */
export function unsubscribeInMaileon(maileon: MaileonSandbox, emails: readonly string[]): void {
	maileon.state.seedContacts(emails.map((email) => ({ email, permission: 2 })));
	for (const email of emails) maileon.state.unsubscribe(email);
}

/** Maileon as the cast says: present and opted-out contacts subscribed, the unsubscribed unsubscribed. */
export function seedMaileon(maileon: MaileonSandbox, cast: TargetCast): void {
	maileon.state.seedContacts([...cast.present, ...cast.optOuts].map((email) => ({ email, permission: 2 })));
	unsubscribeInMaileon(maileon, cast.unsubscribed);
}

/** The highest contact id Maileon has given so far; contacts above it were created later. */
export function lastContactId(maileon: MaileonSandbox): number {
	return maileon.state.listContacts({ includeAnonymised: true }).reduce((last, contact) => Math.max(last, contact.id), 0);
}

/** Contacts Maileon created after `afterId`, anonymised ones included. */
export function contactsCreatedAfter(maileon: MaileonSandbox, afterId: number): number {
	return maileon.state.listContacts({ includeAnonymised: true }).filter((contact) => contact.id > afterId).length;
}

export function isImportRequest(request: { method: string; path: string }): boolean {
	return request.method === 'POST' && request.path === '/1.0/contacts';
}

export function isUnsubscribeRequest(request: { method: string; path: string }): boolean {
	return request.method === 'DELETE' && request.path.endsWith('/unsubscribe');
}
