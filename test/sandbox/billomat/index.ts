export { startBillomatSandbox } from './server';
export type { BillomatSandbox, BillomatSandboxOptions } from './server';
export { BILLOMAT_DEMO_API_KEY, BILLOMAT_DEMO_APP, BILLOMAT_DEMO_ID, defaultSettings } from './settings';
export type { BillomatSettings } from './settings';
export { BillomatState, formatBillomatDate } from './state';
export type { SeedClient, SeedContactPerson, StoredRecord } from './state';
