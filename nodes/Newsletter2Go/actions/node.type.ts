type Newsletter2GoMap = {
	list: 'getAll' | 'create';
	recipient: 'upsert' | 'get' | 'getAll' | 'unsubscribe' | 'erase' | 'deleteRecipient' | 'syncMany';
	attribute: 'getAll' | 'create';
	group: 'getAll' | 'addRecipients' | 'removeRecipients';
};

export type Newsletter2GoResource = keyof Newsletter2GoMap;

/** Every resource/operation pair of the Newsletter2Go node, as `{ resource, operation }`. */
export type Newsletter2GoType = {
	[R in Newsletter2GoResource]: { resource: R; operation: Newsletter2GoMap[R] };
}[Newsletter2GoResource];
