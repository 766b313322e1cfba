/** A route of an emulated API: a method and a path pattern whose groups are handed to the handler. */
export interface RoutePattern {
	method: string;
	pattern: RegExp;
}

/** The first route with the request's method whose pattern matches the path, with the captured groups. */
export function matchRoute<R extends RoutePattern>(
	routes: readonly R[],
	request: { method: string; path: string },
): { route: R; params: string[] } | undefined {
	for (const route of routes) {
		const found = route.method === request.method ? route.pattern.exec(request.path) : null;
		if (found) return { route, params: found.slice(1) };
	}
	return undefined;
}
