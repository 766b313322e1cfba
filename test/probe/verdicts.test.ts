/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { probeMain } from '../../dev/probe/cli';
import { KICKOFFLABS_POINTS } from '../../dev/probe/kickofflabs';
import { verdictOf } from '../../dev/probe/points';
import type { ProbeReport } from '../../dev/probe/run';
import { SENDKIT_POINTS } from '../../dev/probe/sendkit';
import { KICKOFFLABS_VARIANTS } from '../../sandbox/kickofflabs/variants';
import { SENDKIT_VARIANTS } from '../../sandbox/sendkit/variants';

const SENDKIT_KEY = `sk_${'9f'.repeat(24)}`;
const KICKOFFLABS_KEY = 'kol+key/with=odd&chars';

type Answer = { status: number; body: unknown };

/** A stand-in for both APIs on 127.0.0.1 that gives each GET the answer the test names for its path. */
async function fakeApi(answers: Record<string, Answer>): Promise<{ url: string; close(): Promise<void> }> {
	const server = http.createServer((req, res) => {
		const answer = answers[new URL(req.url ?? '/', 'http://x').pathname] ?? { status: 404, body: { message: 'no such route' } };
		res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

const CURSOR_PAGE: Answer = {
	status: 200,
	body: { success: true, data: [{ _id: '665d00000000000000000001' }], pagination: { limit: 1, total: 1, hasMore: false, nextCursor: null } },
};

async function probeAgainst(answers: Record<string, Answer>): Promise<{ code: number; output: string; report: () => ProbeReport }> {
	const api = await fakeApi(answers);
	let output = '';
	try {
		const env = {
			SENDKIT_API_KEY: SENDKIT_KEY,
			SENDKIT_BASE_URL: api.url,
			KICKOFFLABS_API_KEY: KICKOFFLABS_KEY,
			KICKOFFLABS_CAMPAIGN_ID: '7',
			KICKOFFLABS_BASE_URL: api.url,
		};
		const code = await probeMain(['--json'], env, { out: (text) => (output += text), err: (text) => (output += text) });
		return { code, output, report: () => JSON.parse(output) as ProbeReport };
	} finally {
		await api.close();
	}
}

function rowFor(report: ProbeReport, switchName: string): Pick<ProbeReport['rows'][number], 'answer' | 'verdict'> | undefined {
	const row = report.rows.find((candidate) => candidate.switchName === switchName);
	return row && { answer: row.answer, verdict: row.verdict };
}

describe('the probe’s verdicts', () => {
	it('are holds for an assumed answer, handled for another accepted one, CONTRADICTED otherwise, not checked without one', () => {
		const point = { assumes: ['hex'], alsoHandles: ['base64'] };

		expect(verdictOf(point, { seen: 'hex' })).toBe('holds');
		expect(verdictOf(point, { seen: 'base64' })).toBe('handled');
		expect(verdictOf(point, { seen: 'binary' })).toBe('CONTRADICTED');
		expect(verdictOf(point, { other: '{}' })).toBe('CONTRADICTED');
		expect(verdictOf(point, { notObservable: 'needs --write' })).toBe('not checked');
		expect(verdictOf(point, { failed: 'HTTP 500' })).toBe('not checked');
	});

	it('name every switch of the sandbox once, with every value of it handled by the package', () => {
		const points = [...SENDKIT_POINTS, ...KICKOFFLABS_POINTS].filter((point) => point.switchName !== undefined);
		const declared = Object.fromEntries(
			[...Object.entries(SENDKIT_VARIANTS), ...Object.entries(KICKOFFLABS_VARIANTS)].map(([name, values]) => [name, [...values].sort()]),
		);

		expect(Object.fromEntries(points.map((point) => [point.switchName, [...point.assumes, ...point.alsoHandles].sort()]))).toEqual(declared);
		expect(points).toHaveLength(Object.keys(declared).length);
	});

	it('report an answer of another kind as CONTRADICTED, by its shape only, and exit 1', async () => {
		const { code, report } = await probeAgainst({
			'/v1/leads': CURSOR_PAGE,
			'/v2/7': { status: 200, body: { lead: null, reason: 'secret-ish value' } },
		});

		expect(code).toBe(1);
		expect(rowFor(report(), 'lookupNotFound')).toEqual({ answer: 'other: HTTP 200 {lead: null, reason: string}', verdict: 'CONTRADICTED' });
	});

	it('report an answer the package also accepts as handled, and exit 0', async () => {
		const { code, report } = await probeAgainst({
			'/v1/leads': { status: 200, body: { success: true, data: [], pagination: { page: 1, limit: 1, total: 0, pages: 0 } } },
			'/v2/7': { status: 200, body: {} },
		});

		expect(code).toBe(0);
		expect(rowFor(report(), 'pagination')).toEqual({ answer: 'page', verdict: 'handled' });
		expect(rowFor(report(), 'cursor')).toEqual({ answer: 'not observable: the list pages by number', verdict: 'not checked' });
		expect(rowFor(report(), 'lookupNotFound')).toEqual({ answer: 'emptyObject', verdict: 'handled' });
	});

	it('never print a key, even one an API puts in its error message, raw or URL-encoded', async () => {
		const { code, output, report } = await probeAgainst({
			'/v1/leads': { status: 500, body: { message: `key ${SENDKIT_KEY} is over quota` } },
			'/v2/7': { status: 503, body: { message: `GET /v2/7?api_key=${encodeURIComponent(KICKOFFLABS_KEY)} failed` } },
		});

		expect(code).toBe(1);
		expect(rowFor(report(), 'pagination')).toEqual({ answer: 'failed: GET /v1/leads answered HTTP 500: key *** is over quota', verdict: 'not checked' });
		expect(rowFor(report(), 'lookupNotFound')?.answer).toBe('failed: GET /v2/7 answered HTTP 503: GET /v2/7?api_key=*** failed');
		expect(output).not.toContain(SENDKIT_KEY);
		expect(output).not.toContain(encodeURIComponent(KICKOFFLABS_KEY));
	});
});
