/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PACKAGES, SERVICES, servicesLeftOut } from '../../packaging/packages';
import { runOrThrow } from '../../dev/real-n8n/util';
import { packAll, readRootPackageJson } from '../../packaging/tarballs';
import { repoRoot } from '../helpers/world';

interface PackedPackage {
	name: string;
	files: string[];
	read: (file: string) => string;
}

/** `npm run pack`'s tarballs, built from dist/ (npm test builds it first) into a scratch folder, unpacked. */
describe('the tarballs npm run pack builds', () => {
	const root = readRootPackageJson(repoRoot);
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-capture-packs-'));
	const packed = new Map<string, PackedPackage>();

	beforeAll(async () => {
		const tarballs = await packAll(repoRoot, path.join(scratch, 'staging'), path.join(scratch, 'out'));
		for (const [index, spec] of PACKAGES.entries()) {
			const dir = path.join(scratch, 'unpacked', spec.name);
			fs.mkdirSync(dir, { recursive: true });
			await runOrThrow('tar', ['-xzf', tarballs[index], '-C', dir, '--strip-components=1']);
			const files = (await runOrThrow('tar', ['-tzf', tarballs[index]])).stdout
				.trim()
				.split('\n')
				.map((file) => file.replace(/^package\//, ''))
				.sort();
			packed.set(spec.name, { name: spec.name, files, read: (file) => fs.readFileSync(path.join(dir, file), 'utf8') });
		}
	}, 120_000);

	afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

	const get = (name: string): PackedPackage => packed.get(name) as PackedPackage;
	const manifestOf = (name: string) => JSON.parse(get(name).read('package.json')) as Record<string, unknown> & {
		n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
	};

	it('are the three packages, each with the version of package.json', () => {
		expect(PACKAGES.map((spec) => spec.name)).toEqual(['n8n-nodes-sendkit', 'n8n-nodes-kickofflabs', 'n8n-nodes-lead-capture']);
		for (const spec of PACKAGES) expect({ name: spec.name, version: manifestOf(spec.name).version }).toEqual({ name: spec.name, version: root.version });
	});

	it('give every node and credential of package.json to exactly one service', () => {
		const owned = Object.values(SERVICES).flatMap((service) => [...service.nodes, ...service.credentials]);
		expect([...owned].sort()).toEqual([...root.n8n.nodes, ...root.n8n.credentials].sort());
	});

	it.each(PACKAGES.map((spec) => spec.name))('%s has no runtime dependencies, n8n-workflow as its only peer, and n8n API level 1', (name) => {
		const manifest = manifestOf(name);
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.devDependencies).toBeUndefined();
		expect(manifest.scripts).toBeUndefined();
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.n8n.n8nNodesApiVersion).toBe(1);
		expect(manifest.keywords).toContain('n8n-community-node-package');
	});

	it.each(PACKAGES.map((spec) => spec.name))('%s ships every file its n8n section lists, LICENSE and a README', (name) => {
		const { files } = get(name);
		const manifest = manifestOf(name);
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials, 'LICENSE', 'README.md']) {
			expect({ file, shipped: files.includes(file) }).toEqual({ file, shipped: true });
		}
	});

	it('the SendKit package lists SendKit, SendKit Trigger, SendKit New Lead Trigger and the SendKit API credential, and nothing else', () => {
		const manifest = manifestOf('n8n-nodes-sendkit');
		expect(manifest.n8n.nodes).toEqual([
			'dist/nodes/SendKit/SendKit.node.js',
			'dist/nodes/SendKit/SendKitTrigger.node.js',
			'dist/nodes/SendKit/SendKitNewLeadTrigger.node.js',
		]);
		expect(manifest.n8n.credentials).toEqual(['dist/credentials/SendKitApi.credentials.js']);
	});

	it('the KickoffLabs package lists KickoffLabs, KickoffLabs Trigger and the KickoffLabs API credential, and nothing else', () => {
		const manifest = manifestOf('n8n-nodes-kickofflabs');
		expect(manifest.n8n.nodes).toEqual(['dist/nodes/KickoffLabs/KickoffLabs.node.js', 'dist/nodes/KickoffLabs/KickoffLabsTrigger.node.js']);
		expect(manifest.n8n.credentials).toEqual(['dist/credentials/KickoffLabsApi.credentials.js']);
	});

	it('the combined package lists what package.json lists, in its order, and ships every example', () => {
		const manifest = manifestOf('n8n-nodes-lead-capture');
		expect(manifest.n8n.nodes).toEqual(root.n8n.nodes);
		expect(manifest.n8n.credentials).toEqual(root.n8n.credentials);
		const examples = fs.readdirSync(path.join(repoRoot, 'examples')).map((file) => `examples/${file}`);
		expect(get('n8n-nodes-lead-capture').files.filter((file) => file.startsWith('examples/'))).toEqual(examples.sort());
	});

	it.each(PACKAGES.filter((spec) => spec.services.length === 1).map((spec) => spec.name))(
		'nothing of the other service is in %s: no file named after it, no file that names it',
		(name) => {
			const spec = PACKAGES.find((candidate) => candidate.name === name);
			const [other] = servicesLeftOut(spec as (typeof PACKAGES)[number]);
			const names = new RegExp(other.title, 'i');
			const { files, read } = get(name);
			expect(files.filter((file) => names.test(file))).toEqual([]);
			expect(files.filter((file) => !file.endsWith('.png') && names.test(read(file)))).toEqual([]);
			// The shared core is compiled in: each package carries it whole.
			expect(files.filter((file) => file.startsWith('dist/nodes/shared/'))).toEqual(
				get('n8n-nodes-lead-capture').files.filter((file) => file.startsWith('dist/nodes/shared/')),
			);
		},
	);

	it('each per-service package ships its service examples with node types of its own name, and their pictures', () => {
		expect(get('n8n-nodes-sendkit').files.filter((file) => /^(examples|docs)\//.test(file))).toEqual([
			'docs/images/sendkit-create-leads-node.png',
			'docs/images/sendkit-create-leads.png',
			'examples/sendkit-create-leads.json',
			'examples/sendkit-import-to-campaign.json',
		]);
		expect(get('n8n-nodes-kickofflabs').files.filter((file) => /^(examples|docs)\//.test(file))).toEqual([
			'docs/images/agent-waitlist-signup-node.png',
			'docs/images/agent-waitlist-signup.png',
			'docs/images/kickofflabs-waitlist-signup-node.png',
			'docs/images/kickofflabs-waitlist-signup.png',
			'examples/agent-waitlist-signup.json',
			'examples/kickofflabs-waitlist-signup.json',
		]);
		const example = JSON.parse(get('n8n-nodes-sendkit').read('examples/sendkit-create-leads.json')) as { nodes: Array<{ type: string }> };
		const ownTypes = example.nodes.map((node) => node.type).filter((type) => !type.startsWith('n8n-nodes-base.'));
		expect(ownTypes.length).toBeGreaterThan(0);
		expect(ownTypes.every((type) => type.startsWith('n8n-nodes-sendkit.'))).toBe(true);
	});
});
