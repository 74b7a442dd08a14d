type DirectoMap = {
	customer: 'get' | 'getAll' | 'getNewsletterContacts' | 'updateDatafield';
	contact: 'getAll' | 'getNewsletterContacts';
};

export type DirectoResource = keyof DirectoMap;

/** Every resource/operation pair of the Directo node, as `{ resource, operation }`. */
export type DirectoType = {
	[R in DirectoResource]: { resource: R; operation: DirectoMap[R] };
}[DirectoResource];
