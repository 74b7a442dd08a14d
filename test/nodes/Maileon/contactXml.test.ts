import { contactsXml, contactXml } from '../../../nodes/Maileon/contactXml';

describe('contactsXml', () => {
	it('writes the contacts into one UTF-8 document, whatever their characters', () => {
		const contacts = [
			contactXml({ key: 'jürgen@example.org', externalId: '7' }, { standard: { FIRSTNAME: 'Jürgen', LASTNAME: 'Groß & Söhne' }, custom: {} }),
			contactXml({ key: 'anna@example.org', externalId: undefined }, { standard: { FIRSTNAME: 'Anna 🌻' }, custom: { ImportAPI: 'true' } }),
			contactXml({ key: 'li@example.org', externalId: undefined }, { standard: { LASTNAME: '李' }, custom: {} }),
		];

		const body = contactsXml(contacts);

		expect(body.toString('utf8')).toBe(
			'<?xml version="1.0" encoding="UTF-8"?><contacts>' +
				'<contact><email>jürgen@example.org</email><external_id>7</external_id><standard_fields><field><name>FIRSTNAME</name><value>Jürgen</value></field><field><name>LASTNAME</name><value>Groß &amp; Söhne</value></field></standard_fields></contact>' +
				'<contact><email>anna@example.org</email><standard_fields><field><name>FIRSTNAME</name><value>Anna 🌻</value></field></standard_fields><custom_fields><field><name>ImportAPI</name><value>true</value></field></custom_fields></contact>' +
				'<contact><email>li@example.org</email><standard_fields><field><name>LASTNAME</name><value>李</value></field></standard_fields></contact>' +
				'</contacts>',
		);
		expect(body.length).toBe(Buffer.byteLength(body.toString('utf8')));
	});

	it('writes an empty document for no contacts', () => {
		expect(contactsXml([]).toString('utf8')).toBe('<?xml version="1.0" encoding="UTF-8"?><contacts></contacts>');
	});
});
