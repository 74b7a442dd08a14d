import { createOptInReader, readOptIn, type ConsentMapping, type DirectoRecord } from '../../../nodes/Directo/mapping';

const card = (code: string, content: string, param = ''): DirectoRecord => ({
	code,
	datafields: { OPTIN: { content, param } },
});

const mapping: ConsentMapping = { component: 'customer', datafield: 'OPTIN', whenMissing: 'none', timeZone: 'Europe/Tallinn' };

describe('Directo consent mapping', () => {
	it.each([
		['an opt-in', card('K1', 'yes', '15.01.2024'), 'optIn'],
		['an opt-out', card('K1', 'no', '15.01.2024'), 'optOut'],
		['a card without the datafield', { code: 'K1', datafields: {} }, 'none'],
	])('names the card as the origin of %s', (_name, record, status) => {
		expect(readOptIn(record, mapping)).toMatchObject({ status, origin: { system: 'Directo', record: 'customer K1' } });
	});

	it('names a contact card as a contact', () => {
		expect(readOptIn(card('12', 'jah'), { ...mapping, component: 'contact' }).origin).toEqual({
			system: 'Directo',
			record: 'contact 12',
		});
	});

	it('gives cards with the same opt-in date each their own origin', () => {
		const read = createOptInReader(mapping);

		const first = read(card('K1', 'yes', '15.01.2024'));
		const second = read(card('K2', 'yes', '15.01.2024'));

		expect([first.origin?.record, second.origin?.record]).toEqual(['customer K1', 'customer K2']);
		expect(second).toMatchObject({ status: 'optIn', at: first.at, raw: first.raw });
	});
});
