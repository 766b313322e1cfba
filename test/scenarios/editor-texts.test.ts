/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
/**
 * What the editor shows of every node and credential of the package: words a user understands, Docs links that open
 * the README's section for the node, and triggers found by the words users search the node panel with.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { KickoffLabsApi } from '../../credentials/KickoffLabsApi.credentials';
import { SendKitApi } from '../../credentials/SendKitApi.credentials';
import { KickoffLabs } from '../../nodes/KickoffLabs/KickoffLabs.node';
import { KickoffLabsTrigger } from '../../nodes/KickoffLabs/KickoffLabsTrigger.node';
import { SendKit } from '../../nodes/SendKit/SendKit.node';
import { SendKitNewLeadTrigger } from '../../nodes/SendKit/SendKitNewLeadTrigger.node';
import { SendKitTrigger } from '../../nodes/SendKit/SendKitTrigger.node';
import { repoRoot } from '../helpers/world';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[] } };
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

const nodes: INodeType[] = [new SendKit(), new KickoffLabs(), new KickoffLabsTrigger(), new SendKitTrigger(), new SendKitNewLeadTrigger()];
const credentials: ICredentialType[] = [new SendKitApi(), new KickoffLabsApi()];
const triggers = nodes.filter((node) => node.description.group.includes('trigger'));

interface Codex {
	node: string;
	alias?: string[];
	resources: Record<string, Array<{ url: string }>>;
}

/** The codex file n8n reads beside each node (nodes/SendKit/SendKit.node.json for the sendKit node). */
function codexOf(node: INodeType): Codex {
	const file = pkg.n8n.nodes.find((entry) => path.basename(entry, '.node.js').toLowerCase() === node.description.name.toLowerCase());
	if (!file) throw new Error(`package.json n8n.nodes has no file for ${node.description.name}`);
	const source = file.replace(/^dist\//, '').replace(/\.js$/, '.json');
	return JSON.parse(fs.readFileSync(path.join(repoRoot, source), 'utf8')) as Codex;
}

/** GitHub's (and npm's) anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');
}

const readmeAnchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1])));

/** Every text of a description the editor shows: names, descriptions, hints, placeholders, notices, option names. */
function shownTexts(value: unknown, where: string): Array<{ where: string; text: string }> {
	if (Array.isArray(value)) return value.flatMap((entry, index) => shownTexts(entry, `${where}[${index}]`));
	if (typeof value !== 'object' || value === null) return [];
	return Object.entries(value).flatMap(([key, entry]) => {
		if (typeof entry === 'string' && ['displayName', 'description', 'hint', 'placeholder', 'name', 'message', 'subtitle'].includes(key)) {
			return [{ where: `${where}.${key}`, text: entry }];
		}
		// The credential test's messages are error answers, checked with the credentials; `test` holds requests only.
		return key === 'test' || key === 'authenticate' ? [] : shownTexts(entry, `${where}.${key}`);
	});
}

/**
 * Words from the API docs and n8n's internals that tell a user nothing: "inferred" API names, a status number as an answer,
 * and "activate", which n8n 2 calls publishing.
 */
const DEVELOPER_WORDS = [/\binferred\b/i, /\bAPI name\b/i, /\b\d{3} answer/i, /\b(de)?activat/i];

describe('texts the editor shows', () => {
	const texts = [
		...nodes.flatMap((node) => shownTexts(node.description, node.description.name)),
		...credentials.flatMap((credential) => shownTexts(credential.properties, credential.name)),
	];

	it('say things in words a user understands: no inferred API names, status numbers as answers or "activating"', () => {
		const developerWords = texts.filter(({ text }) => DEVELOPER_WORDS.some((pattern) => pattern.test(text)));
		expect(developerWords).toEqual([]);
		expect(texts.length).toBeGreaterThan(100);
	});

	it('say "publish" where the triggers explain what registers their webhooks', () => {
		const notices = triggers.map((node) => node.description.properties.find((property) => property.type === 'notice')?.displayName);
		for (const notice of notices) expect(notice).toMatch(/\bpublish/i);
	});
});

describe('Docs links', () => {
	const readmeUrl = `https://www.npmjs.com/package/${pkg.name}#`;
	const links = [
		...nodes.map((node) => ({ of: node.description.name, url: node.description.documentationUrl })),
		...credentials.map((credential) => ({ of: credential.name, url: credential.documentationUrl })),
		...nodes.flatMap((node) =>
			Object.values(codexOf(node).resources).flatMap((resources) => resources.map(({ url }) => ({ of: `${node.description.name} codex`, url }))),
		),
	];

	it("open a section of the README on the package's npm page, for every node, credential and codex link", () => {
		expect(links).toHaveLength(nodes.length * 3 + credentials.length);
		for (const { of, url } of links) {
			expect({ of, url }).toEqual({ of, url: expect.stringMatching(new RegExp(`^${readmeUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[a-z0-9-]+$`)) });
			expect({ of, anchorInReadme: readmeAnchors.has(String(url).slice(readmeUrl.length)) }).toEqual({ of, anchorInReadme: true });
		}
	});

	it("point the node's Docs link and its codex at the same section", () => {
		for (const node of nodes) expect(codexOf(node).resources.primaryDocumentation).toEqual([{ url: node.description.documentationUrl }]);
	});
});

describe('finding the triggers in the node panel', () => {
	it.each(triggers.map((node) => [node.description.displayName, node] as const))(
		'%s is found by lead, new lead, signup and waitlist',
		(_name, node) => {
			expect(codexOf(node).alias).toEqual(expect.arrayContaining(['lead', 'new lead', 'signup', 'waitlist']));
		},
	);

	it('the SendKit Trigger points to the SendKit New Lead Trigger, which says it starts on each new lead', () => {
		expect(new SendKitTrigger().description.description).toMatch(/new lead, use SendKit New Lead Trigger/i);
		expect(new SendKitNewLeadTrigger().description.description).toMatch(/each new lead in SendKit/);
	});
});
