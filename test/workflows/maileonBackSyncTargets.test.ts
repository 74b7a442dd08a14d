import path from 'node:path';

import { loadWorkflow, requireSuccess, runWorkflow, type WorkflowJson } from '../harness/workflow';
import { directoCredentials } from '../nodes/Directo/helpers';
import { maileonCredentials } from '../nodes/Maileon/helpers';
import { startDirectoSandbox } from '../sandbox/directo';
import { useSandbox } from '../sandbox/framework/lifecycle';
import { readBackSyncFile } from '../sandbox/kufer';
import { startMaileonSandbox } from '../sandbox/maileon';

const TEMPLATE = path.resolve(__dirname, '../../workflows/maileon-unsubscribes-backsync.json');
const BILLOMAT_NODES = ['Tag as Unsubscribed', 'Remove Newsletter Tag'];
// saving the file is n8n's own Read/Write Files node; the test reads the file the KUFER node made
const ALTERNATIVE_NODES = ['Set OPTIN to No', 'KUFER Back-Sync File'];

/**
 * The template as a Directo and KUFER user sets it up: their branches enabled, Billomat's disabled,
 * and Directo allowed to clear the card attributes its read does not return (this database leaves
 * them empty).
 */
function withAlternativeTargets(): WorkflowJson {
	const workflow = loadWorkflow(TEMPLATE);
	for (const node of workflow.nodes) {
		if (BILLOMAT_NODES.includes(node.name)) node.disabled = true;
		if (ALTERNATIVE_NODES.includes(node.name)) delete node.disabled;
		if (node.name === 'Set OPTIN to No') node.parameters.options = { clearUnreadAttributes: true };
	}
	return workflow;
}

describe('Maileon unsubscribes → source back-sync, Directo and KUFER branches', () => {
	const maileon = useSandbox(startMaileonSandbox);
	const directo = useSandbox(startDirectoSandbox);

	beforeEach(() => {
		directo().state.addCustomers([
			{ code: 'K2001', name: 'Tõnu Saar', email: 'tonu.saar@example.ee', closed: '0', datafields: { OPTIN: ['yes', '02.01.2024'] } },
			{ code: 'K2002', name: 'Jörg Weiß', email: 'joerg.weiss@example.de', closed: '0', datafields: { OPTIN: ['yes', '03.01.2024'] } },
		]);
		maileon().state.seedContacts(
			['tonu.saar@example.ee', 'joerg.weiss@example.de', 'ülle.kukk@example.ee'].map((email) => ({ email, permission: 4 })),
		);
		maileon().state.unsubscribe('tonu.saar@example.ee');
		maileon().state.unsubscribe('ülle.kukk@example.ee');
	});

	const catchUp = async () =>
		requireSuccess(
			await runWorkflow(withAlternativeTargets(), {
				credentials: { ...maileonCredentials(maileon()), ...directoCredentials(directo()) },
			}),
		);

	it('sets OPTIN to no on the Directo card of an unsubscriber and leaves the others', async () => {
		await catchUp();

		const optin = (code: string) => directo().state.get('customer', code)?.datafields.find((field) => field.code === 'OPTIN');
		expect(optin('K2001')).toMatchObject({ content: 'no', param: expect.stringMatching(/^\d{2}\.\d{2}\.\d{4}$/) });
		expect(optin('K2002')).toEqual({ code: 'OPTIN', content: 'yes', param: '03.01.2024' });
	});

	it('writes every unsubscriber to one KUFER back-sync file with status N', async () => {
		const result = await catchUp();

		const [file] = result.items('KUFER Back-Sync File');
		const document = readBackSyncFile(Buffer.from(file.binary?.data.data ?? '', 'base64'));
		expect([document.format, document.encoding]).toEqual(['xml', 'windows-1252']);
		expect(document.rows.map((row) => [row.email, row.newsletter])).toEqual([
			['tonu.saar@example.ee', 'N'],
			['ülle.kukk@example.ee', 'N'],
		]);
	});

	it('summarises what each target received', async () => {
		const result = await catchUp();

		expect(result.json('Run Summary')[0]).toMatchObject({
			newUnsubscribers: 2,
			billomatClientsTagged: 0,
			directoCustomersUpdated: 1,
			kuferAddressesWritten: 2,
			summary: '2 new unsubscribers, 1 Directo customer(s) set to OPTIN no, 2 written to the KUFER file',
		});
	});
});
