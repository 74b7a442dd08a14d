import type { SandboxClock } from './clock';
import type { FaultSpec } from './faults';
import type { SandboxOptions } from './server';
import type { Handler, Route } from './types';

/** What every vendor sandbox accepts besides its own routes. */
export interface VendorSandboxOptions<Settings> {
	/** Overrides of the defaults in `settings.ts`; change them later through `sandbox.state.settings`. */
	readonly settings?: Partial<Settings>;
	/** @default a clock following the system time (`state.clock.advance` still works) */
	readonly clock?: SandboxClock;
	/** @default 0 (a free port) */
	readonly port?: number;
	/** Fixed delay per request in ms. @default 0 */
	readonly latencyMs?: number;
	readonly faults?: FaultSpec;
	/** @default false */
	readonly logBodies?: boolean;
}

/** The options a vendor sandbox hands on to `startSandbox` unchanged; log times follow its clock. */
export function serverOptions(
	options: VendorSandboxOptions<unknown>,
	clock: SandboxClock,
): Pick<SandboxOptions<unknown>, 'port' | 'latencyMs' | 'faults' | 'logBodies' | 'now'> {
	return {
		port: options.port,
		latencyMs: options.latencyMs,
		faults: options.faults,
		logBodies: options.logBodies,
		now: () => clock.now(),
	};
}

/** Builds a vendor's route table for `state`. */
export type RouteFactory<State> = (state: State) => Route[];

/**
 * Every route the factories build for `state`, in order, each handler passed through `wrap`
 * (the vendor's error rendering, or work to do after each answer).
 */
export function vendorRoutes<State>(
	state: State,
	factories: readonly RouteFactory<State>[],
	wrap: (handler: Handler) => Handler,
): Route[] {
	return factories
		.flatMap((factory) => factory(state))
		.map((route) => ({ ...route, handler: wrap(route.handler) }));
}
