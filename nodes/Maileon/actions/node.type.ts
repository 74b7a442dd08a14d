type MaileonMap = {
	contact: 'upsert' | 'get' | 'getAll' | 'deleteContact' | 'unsubscribe' | 'syncMany';
	unsubscriber: 'getAll' | 'getNew';
	customField: 'getAll' | 'create';
	blacklist: 'getAll' | 'addEntries';
};

export type MaileonResource = keyof MaileonMap;

/** Every resource/operation pair of the Maileon node, as `{ resource, operation }`. */
export type MaileonType = {
	[R in MaileonResource]: { resource: R; operation: MaileonMap[R] };
}[MaileonResource];
