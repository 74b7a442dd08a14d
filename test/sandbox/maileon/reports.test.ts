import { SandboxClock } from '../framework/clock';
import { startMaileonSandbox } from './server';
import type { MaileonSandbox } from './server';
import { maileonClient } from './fixtures';
import type { MaileonCall } from './fixtures';
import { childElement, childElements, childText } from './xml';
import type { XmlElement } from './xml';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2024, 4, 1, 0, 0, 0);

function emailsOf(root: XmlElement): Array<string | undefined> {
	return childElements(root, 'unsubscriber').map((row) => {
		const contact = childElement(row, 'contact');
		return contact && childText(contact, 'email');
	});
}

describe('Maileon sandbox /reports/unsubscriptions', () => {
	let sandbox: MaileonSandbox;
	let call: MaileonCall;
	let clock: SandboxClock;

	/** Unsubscribes `count` seeded contacts one second apart, starting at T0. */
	const unsubscribeSeries = (count: number): void => {
		sandbox.state.seedContacts(
			Array.from({ length: count }, (_, i) => ({
				email: `u${i}@example.org`,
				externalId: `K-${i}`,
			})),
		);
		for (let i = 0; i < count; i++) {
			clock.set(T0 + i * 1000);
			sandbox.state.unsubscribe(`u${i}@example.org`);
		}
	};

	beforeEach(async () => {
		clock = new SandboxClock(T0);
		sandbox = await startMaileonSandbox({ clock });
		call = maileonClient(sandbox);
	});

	afterEach(async () => {
		await sandbox.close();
	});

	it('includes from_date and excludes to_date (epoch ms)', async () => {
		unsubscribeSeries(4);

		const response = await call('GET', '/reports/unsubscriptions', {
			query: { from_date: T0 + 1000, to_date: T0 + 3000 },
		});

		expect(emailsOf(response.xml())).toEqual(['u1@example.org', 'u2@example.org']);
	});

	it.each([
		[
			'emails',
			{ emails: ['U2@example.org', 'u0@example.org'] },
			['u0@example.org', 'u2@example.org'],
		],
		['ids', { ids: ['1002'] }, ['u1@example.org']],
		['eids', { eids: ['K-3'] }, ['u3@example.org']],
	])('filters by %s', async (_title, query, expected) => {
		unsubscribeSeries(4);

		const response = await call('GET', '/reports/unsubscriptions', { query });

		expect(emailsOf(response.xml())).toEqual(expected);
	});

	it('counts with the same filters under /count', async () => {
		unsubscribeSeries(4);

		const response = await call('GET', '/reports/unsubscriptions/count', {
			query: { from_date: T0 + 2000 },
		});

		expect(response.xml().text).toBe('2');
	});

	it('pages with X-Pages, X-Items and a Link header', async () => {
		unsubscribeSeries(5);

		const response = await call('GET', '/reports/unsubscriptions', {
			query: { from_date: T0, page_index: 3, page_size: 2 },
		});

		expect(emailsOf(response.xml())).toEqual(['u4@example.org']);
		expect([response.headers.get('x-pages'), response.headers.get('x-items')]).toEqual(['3', '5']);
		expect(response.headers.get('link')).toBe(
			[
				`<${sandbox.apiUrl}/reports/unsubscriptions?from_date=${T0}&page_size=2&page_index=1>; rel="start"`,
				`<${sandbox.apiUrl}/reports/unsubscriptions?from_date=${T0}&page_size=2&page_index=2>; rel="prev"`,
			].join(', '),
		);
	});

	it.each([
		['page_size above 1000', { page_size: 1001 }, 'page_size must not exceed 1000'],
		['page_index 0', { page_index: 0 }, 'page_index must be at least 1'],
		[
			'a from_date that is not a number',
			{ from_date: '2024-05-01' },
			'from_date must be an integer, got "2024-05-01"',
		],
	])('answers 400 with <error><message> to %s', async (_title, query, message) => {
		const response = await call('GET', '/reports/unsubscriptions', { query });

		expect(response.status).toBe(400);
		expect(response.xml().name).toBe('error');
		expect(childText(response.xml(), 'message')).toBe(message);
	});

	it('keeps every row when retentionDays is null (default)', async () => {
		unsubscribeSeries(1);
		clock.advance(365 * DAY);

		expect((await call('GET', '/reports/unsubscriptions/count')).xml().text).toBe('1');
	});

	it('purges rows older than retentionDays', async () => {
		sandbox.state.settings.retentionDays = 14;
		unsubscribeSeries(2);
		clock.set(T0 + 14 * DAY + 500);

		const response = await call('GET', '/reports/unsubscriptions');

		expect(emailsOf(response.xml())).toEqual(['u1@example.org']);
	});

	it('lets a purged address back in through bulk sync with reimport_unsubscribed_contacts=false', async () => {
		sandbox.state.settings.retentionDays = 14;
		unsubscribeSeries(1);
		clock.advance(15 * DAY);

		const response = await call('POST', '/contacts', {
			query: { sync_mode: 1, reimport_unsubscribed_contacts: false, ignore_invalid_contacts: true },
			body: '<contacts><contact><email>u0@example.org</email></contact></contacts>',
		});

		expect(childText(response.xml(), 'count_new_contacts')).toBe('1');
	});
});

describe('Maileon sandbox /reports/subscribers', () => {
	let sandbox: MaileonSandbox;
	let call: MaileonCall;

	beforeEach(async () => {
		sandbox = await startMaileonSandbox({ clock: new SandboxClock(T0) });
		call = maileonClient(sandbox);
		for (const email of ['a@example.org', 'b@example.org']) {
			await call('POST', `/contacts/email/${encodeURIComponent(email)}`, { query: { doi: true } });
			sandbox.state.confirmDoi(email);
		}
	});

	afterEach(async () => {
		await sandbox.close();
	});

	it('leaves out anonymised contacts by default', async () => {
		sandbox.state.unsubscribe('a@example.org');

		const response = await call('GET', '/reports/subscribers/count');

		expect(response.xml().text).toBe('1');
	});

	it('includes anonymised contacts with exclude_anonymous_contacts=false', async () => {
		sandbox.state.unsubscribe('a@example.org');

		const response = await call('GET', '/reports/subscribers/count', {
			query: { exclude_anonymous_contacts: false },
		});

		expect(response.xml().text).toBe('2');
	});
});
