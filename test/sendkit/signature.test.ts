import { createHmac } from 'node:crypto';

import type { Logger } from 'n8n-workflow';

import { FORMS_REMEMBERED, describeSignatureHeader, logSignatureFormOnce, signatureFormOf } from '../../nodes/SendKit/trigger/signature';

const SECRET = 'a'.repeat(64);
const BODY = Buffer.from('{"event":"lead.tag_changed","data":{"n":1}}');
const digest = (body: Buffer | string, secret = SECRET) => createHmac('sha256', secret).update(body).digest();
const signature = (body: Buffer | string, secret = SECRET) => digest(body, secret).toString('hex');

describe('signatureFormOf', () => {
	it('accepts the hex HMAC-SHA256 of the raw body, with or without sha256=, in any case', () => {
		expect(signatureFormOf(SECRET, BODY, signature(BODY))).toBe('hex');
		expect(signatureFormOf(SECRET, BODY, `sha256=${signature(BODY)}`)).toBe('sha256=hex');
		expect(signatureFormOf(SECRET, BODY, `SHA256=${signature(BODY).toUpperCase()}`)).toBe('sha256=hex');
		expect(signatureFormOf(SECRET, BODY, [signature(BODY)])).toBe('hex');
	});

	it('accepts the digest in standard or URL-safe base64, padded or not, with or without sha256=', () => {
		const base64 = digest(BODY).toString('base64');
		const base64url = digest(BODY).toString('base64url');
		expect(base64).toMatch(/=$/);
		expect(signatureFormOf(SECRET, BODY, base64)).toBe('base64');
		expect(signatureFormOf(SECRET, BODY, base64.replace(/=+$/, ''))).toBe(/[+/]/.test(base64) ? 'base64' : 'base64url');
		expect(signatureFormOf(SECRET, BODY, `sha256=${base64}`)).toBe('sha256=base64');
		expect(signatureFormOf(SECRET, BODY, base64url)).toBe('base64url');
		expect(signatureFormOf(SECRET, BODY, `${base64url}=`)).toBe('base64url');
		expect(signatureFormOf(SECRET, BODY, `sha256=${base64url}`)).toBe('sha256=base64url');
	});

	it('names a signature both base64 alphabets read by its padding: padded is base64, unpadded base64url', () => {
		const body = [...Array(200).keys()].map((n) => Buffer.from(`{"n":${n}}`)).find((candidate) => !/[-_+/]/.test(digest(candidate).toString('base64')));
		if (!body) throw new Error('no body whose digest avoids every character that tells the alphabets apart');
		expect(signatureFormOf(SECRET, body, digest(body).toString('base64'))).toBe('base64');
		expect(signatureFormOf(SECRET, body, digest(body).toString('base64url'))).toBe('base64url');
	});

	it('refuses another body, another secret, a missing or empty header, and no secret or body', () => {
		expect(signatureFormOf(SECRET, BODY, signature(Buffer.from(`${BODY.toString()} `)))).toBeUndefined();
		expect(signatureFormOf(SECRET, BODY, signature(BODY, 'b'.repeat(64)))).toBeUndefined();
		expect(signatureFormOf(SECRET, BODY, undefined)).toBeUndefined();
		expect(signatureFormOf(SECRET, BODY, '')).toBeUndefined();
		expect(signatureFormOf(SECRET, BODY, 'sha256=')).toBeUndefined();
		expect(signatureFormOf(undefined, BODY, signature(BODY))).toBeUndefined();
		expect(signatureFormOf(SECRET, undefined, signature(BODY))).toBeUndefined();
		expect(signatureFormOf(SECRET, BODY, signature(BODY).slice(0, 63))).toBeUndefined();
	});

	it('refuses truncated, case-changed and forged base64, and base64 of another secret', () => {
		const base64 = digest(BODY).toString('base64');
		expect(signatureFormOf(SECRET, BODY, base64.slice(0, 20))).toBeUndefined();
		expect(signatureFormOf(SECRET, BODY, base64.toLowerCase())).toBeUndefined();
		expect(signatureFormOf(SECRET, BODY, digest(BODY, 'b'.repeat(64)).toString('base64'))).toBeUndefined();
		expect(signatureFormOf(SECRET, BODY, digest(BODY).subarray(0, 31).toString('base64url'))).toBeUndefined();
		expect(signatureFormOf(SECRET, BODY, Buffer.from(signature(BODY)).toString('base64'))).toBeUndefined();
	});
});

describe('describeSignatureHeader', () => {
	it('tells length, alphabet and prefix of a refused header, never its value', () => {
		const hex = 'f'.repeat(64);
		expect(describeSignatureHeader(hex)).toBe('an X-Webhook-Signature of 64 characters after any sha256= prefix, hex alphabet, no prefix');
		expect(describeSignatureHeader(`sha256=${'A/b+'.repeat(11)}=`)).toBe(
			'an X-Webhook-Signature of 45 characters after any sha256= prefix, base64 alphabet, a sha256= prefix',
		);
		expect(describeSignatureHeader('Ab_-'.repeat(11))).toContain('base64url alphabet');
		expect(describeSignatureHeader(`v1=${hex}`)).toBe('an X-Webhook-Signature of 67 characters after any sha256= prefix, other characters, a prefix "v1="');
		expect(describeSignatureHeader(undefined)).toBe('no X-Webhook-Signature header');
		expect(describeSignatureHeader('sha256=')).toContain('0 characters after any sha256= prefix, empty');
	});
});

describe('logSignatureFormOnce', () => {
	const logger = () => {
		const lines: string[] = [];
		const log = (message: string) => lines.push(message);
		return { lines, logger: { info: log, warn: log, error: log, debug: log } as unknown as Logger };
	};

	it('logs a webhook\'s form once, and remembers at most FORMS_REMEMBERED webhooks, forgetting the oldest first', () => {
		const { lines, logger: log } = logger();
		logSignatureFormOnce(log, 'Trigger', 'first-webhook', 'hex');
		logSignatureFormOnce(log, 'Trigger', 'first-webhook', 'hex');
		expect(lines).toHaveLength(1);
		for (let index = 0; index < FORMS_REMEMBERED - 1; index++) logSignatureFormOnce(log, 'Trigger', `webhook-${index}`, 'hex');
		logSignatureFormOnce(log, 'Trigger', 'first-webhook', 'hex');
		expect(lines).toHaveLength(FORMS_REMEMBERED);
		logSignatureFormOnce(log, 'Trigger', 'one-more-webhook', 'hex');
		logSignatureFormOnce(log, 'Trigger', 'first-webhook', 'hex');
		expect(lines).toHaveLength(FORMS_REMEMBERED + 2);
		logSignatureFormOnce(log, 'Trigger', 'one-more-webhook', 'hex');
		expect(lines).toHaveLength(FORMS_REMEMBERED + 2);
	});
});
