export { startDirectoSandbox } from './server';
export type { DirectoSandbox, DirectoSandboxOptions } from './server';
export {
	defaultSettings,
	DIRECTO_DEMO_APPKEY,
	DIRECTO_DEMO_DATABASE,
	DIRECTO_DEMO_TOKEN,
	XML_DIRECT_DATABASE,
} from './settings';
export type { Component, DirectoSettings, LegacyInterfaceSetting, TokenSetting } from './settings';
export { DirectoState, formatTs } from './state';
export type { AnswerFault, Datafield, DirectoCall, DirectoRecord, SeedRecord } from './state';
