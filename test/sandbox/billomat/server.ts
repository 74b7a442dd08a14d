import type { SandboxClock } from '../framework/clock';
import { startSandbox } from '../framework/server';
import type { Sandbox } from '../framework/server';
import { serverOptions, type VendorSandboxOptions } from '../framework/vendor';
import { admit, withHeaders } from './http';
import { renderErrors } from './render';
import { clientRoutes } from './routes/clients';
import { contactRoutes } from './routes/contacts';
import { propertyRoutes } from './routes/properties';
import { tagRoutes } from './routes/tags';
import type { BillomatSettings } from './settings';
import { BillomatState } from './state';

export interface BillomatSandboxOptions extends VendorSandboxOptions<BillomatSettings> {
	/** @default a clock following the system time; freeze it to compress the rate-limit windows */
	readonly clock?: SandboxClock;
}

export interface BillomatSandbox extends Sandbox<BillomatState> {
	/** What the credential's Base URL holds: `http://127.0.0.1:<port>/{billomatId}/api`. */
	readonly baseUrlTemplate: string;
	/** The account's API root, e.g. `http://127.0.0.1:<port>/demo/api`. */
	readonly apiUrl: string;
	readonly billomatId: string;
	readonly apiKey: string;
	/** Decrypted `billomatApi` credentials for the harness. */
	credentials(overrides?: Record<string, string>): Record<string, string>;
}

/** Starts the Billomat REST API emulator of billomat.md §14 on 127.0.0.1. */
export async function startBillomatSandbox(options: BillomatSandboxOptions = {}): Promise<BillomatSandbox> {
	const state = new BillomatState({ settings: options.settings, clock: options.clock });
	const sandbox = await startSandbox({
		name: 'billomat',
		routes: [...clientRoutes(state), ...tagRoutes(state), ...contactRoutes(state), ...propertyRoutes(state)],
		state,
		...serverOptions(options, state.clock),
		// faults and unknown paths: XML, Billomat's default, with the quota as it stands
		renderError: (status, message) => withHeaders(renderErrors(status, 'xml', [message]), state.quotaHeaders()),
		before: (request) => admit(state, request),
	});
	const baseUrlTemplate = `${sandbox.baseUrl}/{billomatId}/api`;
	return Object.assign(sandbox, {
		baseUrlTemplate,
		apiUrl: `${sandbox.baseUrl}/${state.settings.billomatId}/api`,
		billomatId: state.settings.billomatId,
		apiKey: state.settings.apiKeys[0],
		credentials: (overrides: Record<string, string> = {}) => ({
			billomatId: state.settings.billomatId,
			apiKey: state.settings.apiKeys[0],
			appId: '',
			appSecret: '',
			baseUrl: baseUrlTemplate,
			...overrides,
		}),
	});
}
