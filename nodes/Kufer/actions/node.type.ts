type KuferMap = {
	export: 'parse';
	unsubscriber: 'createBackSyncFile';
};

export type KuferResource = keyof KuferMap;

/** Every resource/operation pair of the KUFER node, as `{ resource, operation }`. */
export type KuferType = {
	[R in KuferResource]: { resource: R; operation: KuferMap[R] };
}[KuferResource];
