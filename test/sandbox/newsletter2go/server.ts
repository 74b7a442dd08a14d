import { startSandbox } from '../framework/server';
import type { Sandbox } from '../framework/server';
import { serverOptions, vendorRoutes, type VendorSandboxOptions } from '../framework/vendor';
import { authenticate, basicAuthorization } from './auth';
import { errorResponse, handleErrors } from './http';
import { accountRoutes } from './routes/account';
import { attributeRoutes } from './routes/attributes';
import { groupRoutes } from './routes/groups';
import { listRoutes } from './routes/lists';
import { recipientRoutes } from './routes/recipients';
import type { Newsletter2GoSettings } from './settings';
import { Newsletter2GoState } from './state';

export type Newsletter2GoSandboxOptions = VendorSandboxOptions<Newsletter2GoSettings>;

export interface Newsletter2GoSandbox extends Sandbox<Newsletter2GoState> {
	/** `Basic base64(authKey)` for the token endpoint. */
	readonly basicAuthorization: string;
	/** The credential fields a node needs: auth key, username, password and base URL. */
	credentials(): { authKey: string; username: string; password: string; baseUrl: string };
}

const ROUTE_FACTORIES = [accountRoutes, listRoutes, recipientRoutes, attributeRoutes, groupRoutes];

/** Starts the Newsletter2Go REST API emulator of newsletter2go.md §11 on 127.0.0.1. */
export async function startNewsletter2GoSandbox(options: Newsletter2GoSandboxOptions = {}): Promise<Newsletter2GoSandbox> {
	const state = new Newsletter2GoState({ settings: options.settings, clock: options.clock });
	const sandbox = await startSandbox({
		name: 'newsletter2go',
		routes: vendorRoutes(state, ROUTE_FACTORIES, handleErrors),
		state,
		...serverOptions(options, state.clock),
		renderError: (status, message) => errorResponse(status, message),
		before: (request) => authenticate(state, request),
	});
	return Object.assign(sandbox, {
		basicAuthorization: basicAuthorization(state.settings.authKey),
		credentials: () => ({
			authKey: state.settings.authKey,
			username: state.settings.username,
			password: state.settings.password,
			baseUrl: sandbox.baseUrl,
		}),
	});
}
