import type { Handler, Query, Route } from './types';

export interface RouteMatch {
	readonly handler: Handler;
	readonly params: Record<string, string>;
	/** `METHOD /pattern` of the matched route. */
	readonly route: string;
}

/** No route for the path (`404`), or the path exists but not for this method (`405`). */
export interface RouteMiss {
	readonly status: 404 | 405;
	readonly allowed: string[];
}

interface CompiledRoute {
	readonly method: string;
	readonly pattern: string;
	readonly segments: readonly string[];
	readonly literalCount: number;
	readonly handler: Handler;
}

/**
 * Matches a path against `:param` patterns. Literal segments beat parameters whatever the
 * registration order, so `/contacts/count` wins over `/contacts/:id`.
 */
export class Router {
	private readonly routes: CompiledRoute[] = [];

	constructor(routes: readonly Route[] = []) {
		for (const route of routes) this.add(route);
	}

	add(route: Route): this {
		if (!route.path.startsWith('/')) {
			throw new Error(`Expected route path to start with "/", got "${route.path}".`);
		}
		const segments = splitPath(route.path);
		this.routes.push({
			method: route.method.toUpperCase(),
			pattern: route.path,
			segments,
			literalCount: segments.filter((s) => !s.startsWith(':')).length,
			handler: route.handler,
		});
		// stable sort: among equally specific routes the first registered wins
		this.routes.sort((a, b) => b.literalCount - a.literalCount);
		return this;
	}

	match(method: string, rawPath: string): RouteMatch | RouteMiss {
		const segments = splitPath(rawPath);
		const allowed = new Set<string>();
		for (const route of this.routes) {
			const params = matchSegments(route.segments, segments);
			if (params === undefined) continue;
			if (route.method === '*' || route.method === method.toUpperCase()) {
				return { handler: route.handler, params, route: `${route.method} ${route.pattern}` };
			}
			allowed.add(route.method);
		}
		return allowed.size > 0 ? { status: 405, allowed: [...allowed] } : { status: 404, allowed: [] };
	}
}

export function isRouteMatch(result: RouteMatch | RouteMiss): result is RouteMatch {
	return 'handler' in result;
}

function splitPath(path: string): string[] {
	const segments = path.split('/');
	// '/a/b/' and '/a/b' are the same resource; the leading '' is dropped
	return segments.filter(
		(segment, index) => index > 0 && (segment !== '' || index < segments.length - 1),
	);
}

function matchSegments(
	pattern: readonly string[],
	actual: readonly string[],
): Record<string, string> | undefined {
	if (pattern.length !== actual.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		const expected = pattern[i];
		const segment = actual[i];
		if (expected.startsWith(':')) {
			const decoded = decodeSegment(segment);
			if (decoded === undefined || decoded === '') return undefined;
			params[expected.slice(1)] = decoded;
		} else if (expected !== segment) {
			return undefined;
		}
	}
	return params;
}

function decodeSegment(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch (error) {
		// a malformed escape such as '%E0%A4' cannot name a resource: treat it as no match (404)
		if (error instanceof URIError) return undefined;
		throw error;
	}
}

/**
 * Parses a query string (`?` optional) with form decoding (`+` is a space); a repeated name
 * becomes an array in request order.
 */
export function parseQuery(search: string): Query {
	const query: Record<string, string | string[]> = {};
	const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
	for (const [name, value] of params) {
		const existing = query[name];
		if (existing === undefined) query[name] = value;
		else if (typeof existing === 'string') query[name] = [existing, value];
		else existing.push(value);
	}
	return query;
}
