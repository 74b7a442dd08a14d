import assert from 'node:assert/strict';

import type { Scenario } from './types';

const WEBHOOK_BODY = {
	anrede: 'Herr',
	berufsbezeichnung: 'Prof.',
	namenspraefix: 'van der',
	name: 'Berg',
	vorname: 'Jüri',
	email: 'Juri.vanderBerg@example.ee',
	einkaufswert: '49,50',
	einzelnutzertracking: 'nein',
};

/** Seed 004: a registration reaches Maileon as a DOI request; tracking consent decides DOI+. */
export const registrationScenario: Scenario = {
	template: 'registration-maileon-doi.json',
	title: 'Registration → Maileon with double opt-in',
	reportNode: 'Confirmation',
	async prepare(sandboxes) {
		sandboxes.maileon.state.defineCustomField('PurchaseValue', 'float');
		return {};
	},
	verify(sandboxes, output) {
		const [answer] = output('Confirmation');
		assert.equal(answer.status, 'confirmation-mail-sent');
		const contact = sandboxes.maileon.state.getContact('juergen.mueller@example.org');
		assert.ok(contact, 'the example registration reached Maileon');
		assert.equal(contact.doiPending, true, 'a DOI mail is pending');
		assert.equal(contact.permission, 1, 'permission stays none until the link is clicked');
		assert.equal(contact.standardFields.LASTNAME, 'von Müller');
		assert.equal(contact.customFields.PurchaseValue, '149.90');
		const confirmed = sandboxes.maileon.state.confirmDoi('juergen.mueller@example.org');
		assert.equal(confirmed.permission, 5, 'tracking consent grants DOI+ after the click');
	},
	rerun: {
		async prepare() {
			return {
				startNode: 'Registration Webhook',
				input: [{ body: WEBHOOK_BODY, headers: {}, query: {} }],
			};
		},
		verify(sandboxes, output) {
			assert.equal(output('Confirmation')[0].status, 'confirmation-mail-sent');
			const contact = sandboxes.maileon.state.getContact('juri.vanderberg@example.ee');
			assert.ok(contact, 'the webhook registration reached Maileon');
			assert.equal(contact.standardFields.FIRSTNAME, 'Jüri');
			assert.equal(sandboxes.maileon.state.confirmDoi('juri.vanderberg@example.ee').permission, 4);
		},
	},
};
