export {
	carriesWindowsPunctuation,
	concat,
	decodeFixture,
	encodeFixture,
	FIXTURE_ENCODINGS,
} from './encoding';
export type { FixtureEncoding } from './encoding';
export {
	findUnconsentedAtPlatform,
	KuferDropFolder,
	KuferFixtureStore,
	readBackSyncFile,
} from './dropFolder';
export type { AppliedFile, BackSyncDocument, BackSyncRow } from './dropFolder';
export * as hostile from './hostile';
export {
	createGenerator,
	DEFAULT_MIX,
	expectedStatuses,
	generateRecords,
	isInvalidKind,
	kuferDate,
} from './records';
export type { GenerateOptions, KuferFixtureRecord, RecordKind } from './records';
export { renderExport, renderExportText, renderRecord, streamExport } from './render';
export type { ShapeOptions } from './render';
