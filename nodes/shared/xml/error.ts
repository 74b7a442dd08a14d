export type XmlErrorCode =
	| 'encoding'
	| 'forbiddenDtd'
	| 'limit'
	| 'malformed'
	| 'truncated'
	| 'noRecords';

/**
 * A document the XML layer cannot read. `code` lets callers tell a hostile or oversized file
 * (`forbiddenDtd`, `limit`) from a broken one without parsing the message.
 */
export class XmlError extends Error {
	readonly code: XmlErrorCode;

	/** 1-based number of the record being read when the error happened, if any. */
	readonly record?: number;

	constructor(code: XmlErrorCode, message: string, record?: number) {
		super(message);
		this.name = 'XmlError';
		this.code = code;
		if (record !== undefined) this.record = record;
	}
}
