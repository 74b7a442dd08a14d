import { isRouteMatch, parseQuery, Router } from './router';
import type { RouteMatch, RouteMiss } from './router';
import type { SandboxResponse } from './types';

const ok = (): SandboxResponse => ({ status: 200 });

function expectMatch(result: RouteMatch | RouteMiss): RouteMatch {
	if (!isRouteMatch(result)) throw new Error(`Expected a route match, got ${result.status}`);
	return result;
}

describe('Router', () => {
	it('captures path parameters percent-decoded', () => {
		const router = new Router([{ method: 'GET', path: '/1.0/contacts/email/:email', handler: ok }]);

		const match = expectMatch(router.match('GET', '/1.0/contacts/email/anna%2Btag%40example.org'));

		expect(match.params).toEqual({ email: 'anna+tag@example.org' });
		expect(match.route).toBe('GET /1.0/contacts/email/:email');
	});

	it('keeps an encoded slash inside one parameter', () => {
		const router = new Router([{ method: 'GET', path: '/items/:id', handler: ok }]);

		expect(expectMatch(router.match('GET', '/items/a%2Fb')).params).toEqual({ id: 'a/b' });
	});

	it('prefers a literal segment over a parameter registered before it', () => {
		const router = new Router([
			{ method: 'GET', path: '/contacts/:id', handler: ok },
			{ method: 'GET', path: '/contacts/count', handler: ok },
		]);

		expect(expectMatch(router.match('GET', '/contacts/count')).route).toBe('GET /contacts/count');
	});

	it.each([
		['an unknown path', 'GET', '/nothing', 404],
		['a known path with another method', 'DELETE', '/contacts', 405],
		['a malformed escape in a parameter', 'GET', '/contacts/%E0%A4', 404],
	])('misses %s with %i', (_title, method, path, status) => {
		const router = new Router([
			{ method: 'GET', path: '/contacts', handler: ok },
			{ method: 'GET', path: '/contacts/:id', handler: ok },
		]);

		const result = router.match(method, path);

		expect(isRouteMatch(result) ? 200 : result.status).toBe(status);
	});

	it('lists the allowed methods on a 405', () => {
		const router = new Router([
			{ method: 'GET', path: '/ping', handler: ok },
			{ method: 'POST', path: '/ping', handler: ok },
		]);

		const result = router.match('PATCH', '/ping');

		expect(isRouteMatch(result) ? [] : result.allowed.sort()).toEqual(['GET', 'POST']);
	});

	it('matches any method on a `*` route', () => {
		const router = new Router([{ method: '*', path: '/ping', handler: ok }]);

		expect(isRouteMatch(router.match('DELETE', '/ping'))).toBe(true);
	});

	it('treats a trailing slash as the same path', () => {
		const router = new Router([{ method: 'GET', path: '/contacts', handler: ok }]);

		expect(isRouteMatch(router.match('GET', '/contacts/'))).toBe(true);
	});

	it('rejects a pattern without a leading slash', () => {
		expect(() => new Router([{ method: 'GET', path: 'contacts', handler: ok }])).toThrow(
			'Expected route path to start with "/", got "contacts".',
		);
	});
});

describe('parseQuery', () => {
	it('turns a repeated parameter into an array in request order', () => {
		expect(parseQuery('standard_field=FIRSTNAME&standard_field=LASTNAME&page_size=10')).toEqual({
			standard_field: ['FIRSTNAME', 'LASTNAME'],
			page_size: '10',
		});
	});

	it('decodes form-style: `+` is a space and `%2B` a plus', () => {
		expect(parseQuery('?a=x+y&b=x%2By%40z')).toEqual({ a: 'x y', b: 'x+y@z' });
	});
});
