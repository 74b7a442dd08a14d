import { startSandbox } from '../framework/server';
import type { Sandbox } from '../framework/server';
import { serverOptions, vendorRoutes, type VendorSandboxOptions } from '../framework/vendor';
import { authenticate, basicAuthorization } from './auth';
import { xmlError } from './http';
import { BASE_PATH } from './routes/base';
import { blacklistRoutes } from './routes/blacklists';
import { contactRoutes } from './routes/contacts';
import { exportRoutes } from './routes/export';
import { fieldRoutes } from './routes/fields';
import { reportRoutes } from './routes/reports';
import { syncRoutes } from './routes/sync';
import { systemRoutes } from './routes/system';
import { unsubscribeRoutes } from './routes/unsubscribe';
import { webhookRoutes } from './routes/webhooks';
import type { MaileonSettings } from './settings';
import { MaileonState } from './state';
import { WebhookDispatcher } from './webhooks';

export interface MaileonSandboxOptions extends VendorSandboxOptions<MaileonSettings> {
	readonly bodyLimitBytes?: number;
}

export interface MaileonSandbox extends Sandbox<MaileonState> {
	/** `baseUrl` + `/1.0`: what a credential's base URL should hold. */
	readonly apiUrl: string;
	/** The first configured API key. */
	readonly apiKey: string;
	/** Outbound webhook calls: `deliveries`, and `idle()` to wait for them. */
	readonly webhooks: WebhookDispatcher;
	/** `Basic base64(key)` for `key` (default: `apiKey`). */
	authorization(key?: string): string;
}

const ROUTE_FACTORIES = [
	systemRoutes,
	fieldRoutes,
	syncRoutes,
	exportRoutes,
	contactRoutes,
	unsubscribeRoutes,
	reportRoutes,
	webhookRoutes,
	blacklistRoutes,
];

/** Starts the Maileon REST API 1.0 emulator of maileon.md §12 on 127.0.0.1. */
export async function startMaileonSandbox(
	options: MaileonSandboxOptions = {},
): Promise<MaileonSandbox> {
	const state = new MaileonState({ settings: options.settings, clock: options.clock });
	let settleTimer: NodeJS.Timeout | undefined;

	// a delayed unsubscription must also land (and fire its webhook) when no further request comes
	const scheduleSettle = (): void => {
		if (settleTimer !== undefined || state.clock.isFrozen) return;
		const due = state.nextDueAt();
		if (due === undefined) return;
		settleTimer = setTimeout(
			() => {
				settleTimer = undefined;
				state.settle();
				scheduleSettle();
			},
			Math.max(0, due - state.clock.now()) + 1,
		);
	};

	const routes = vendorRoutes(state, ROUTE_FACTORIES, (handler) => async (req) => {
		const response = await handler(req);
		scheduleSettle();
		return response;
	});

	const sandbox = await startSandbox({
		name: 'maileon',
		routes,
		state,
		...serverOptions(options, state.clock),
		bodyLimitBytes: options.bodyLimitBytes,
		renderError: xmlError,
		before: (req) => {
			state.settle();
			return authenticate(state, req);
		},
	});
	const webhooks = new WebhookDispatcher(state);
	const closeServer = sandbox.close;
	return Object.assign(sandbox, {
		apiUrl: `${sandbox.baseUrl}${BASE_PATH}`,
		apiKey: state.settings.apiKeys[0].key,
		webhooks,
		authorization: (key?: string) => basicAuthorization(key ?? state.settings.apiKeys[0].key),
		close: async () => {
			if (settleTimer !== undefined) clearTimeout(settleTimer);
			settleTimer = undefined;
			await closeServer();
			await webhooks.close();
		},
	});
}
