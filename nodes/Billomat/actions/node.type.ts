type BillomatMap = {
	client: 'get' | 'getAll' | 'getNewsletterContacts' | 'setCustomField' | 'update';
	clientTag: 'add' | 'getAll' | 'remove';
	contact: 'getAll';
};

type BillomatResource = keyof BillomatMap;

/** Every resource/operation pair of the Billomat node, as `{ resource, operation }`. */
export type BillomatType = {
	[R in BillomatResource]: { resource: R; operation: BillomatMap[R] };
}[BillomatResource];
