/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * `npm run screenshots`: screenshots of the real n8n editor for the docs, in docs/images/.
 *
 *   node .build/dev/real-n8n/screenshots.js [--workflow=<examples file name>] [--node=<node name>]
 *
 * Starts its own n8n (free ports, fresh user folder .cache/n8n-screenshots, log in
 * .cache/n8n-screenshots.log) with the sandbox and the examples, so a running `npm start` is not
 * disturbed. Logs in with headless Debian Chromium driven by playwright-core, and for every
 * example with a branching node of this package (or just --workflow), runs it in the editor (so
 * the canvas shows the items on each branch) and saves
 *   docs/images/<example>.png        the executed workflow on the canvas
 *   docs/images/<example>-node.png   the parameter panel of its first branching node (or --node)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startEditor, type RunningEditor } from './editor';
import { N8nRest } from './rest';
import { isTriggerWorkflow } from './triggers';
import type { WorkflowFile } from './n8n';
import { OWNER_EMAIL, OWNER_PASSWORD } from './owner';
import { CHROMIUM, CHROMIUM_FLAGS, loadPlaywright, type Page } from './playwright';
import { cacheRoot, statePath } from './runtime';
import { elapsedSince, freePort, isRecord, log, repoRoot } from './util';

const PACKAGE_PREFIX = 'n8n-nodes-lead-capture.';

function argValue(name: string): string | undefined {
	const arg = process.argv.find((value) => value.startsWith(`--${name}=`));
	return arg?.slice(name.length + 3);
}

interface WorkflowNode {
	name: string;
	type: string;
}

function packageNodes(workflow: WorkflowFile): WorkflowNode[] {
	const nodes = Array.isArray(workflow.json.nodes) ? workflow.json.nodes : [];
	return nodes.filter(
		(node): node is WorkflowNode =>
			isRecord(node) && typeof node.name === 'string' && typeof node.type === 'string' && node.type.startsWith(PACKAGE_PREFIX),
	);
}

/** Names of nodes that have something connected to an output other than the first. */
function branchingNodes(workflow: WorkflowFile): string[] {
	const connections = isRecord(workflow.json.connections) ? workflow.json.connections : {};
	return Object.entries(connections)
		.filter(([, value]) => {
			const main = isRecord(value) && Array.isArray(value.main) ? value.main : [];
			return main.some((output, index) => index > 0 && Array.isArray(output) && output.length > 0);
		})
		.map(([name]) => name);
}

/** The examples to photograph, each with the node whose panel to open (a branching node of this package). */
function pickWorkflows(workflows: WorkflowFile[]): Array<{ workflow: WorkflowFile; node: string }> {
	const wanted = argValue('workflow');
	const candidates = wanted ? workflows.filter((workflow) => path.basename(workflow.file) === wanted) : workflows;
	if (wanted && candidates.length === 0) throw new Error(`no example named ${wanted}`);
	const picked: Array<{ workflow: WorkflowFile; node: string }> = [];
	for (const workflow of candidates) {
		const ours = packageNodes(workflow).map((node) => node.name);
		const branching = branchingNodes(workflow).filter((name) => ours.includes(name));
		// A trigger workflow is shown by its trigger's panel; others by their first branching node's.
		const trigger = isTriggerWorkflow(workflow) ? packageNodes(workflow).find((candidate) => candidate.type.endsWith('Trigger'))?.name : undefined;
		const node = argValue('node') ?? trigger ?? branching[0] ?? ours[0];
		if (node && (wanted || branching.length > 0)) picked.push({ workflow, node });
	}
	if (picked.length === 0) {
		throw new Error('no example workflow in examples/ has a node of this package with a connected branch output');
	}
	return picked;
}

async function dismissPopups(page: Page): Promise<void> {
	for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
	for (const label of [/^got it$/i, /^dismiss$/i, /^skip$/i, /^close$/i, /^maybe later$/i]) {
		const button = page.getByRole('button', { name: label });
		if ((await button.count()) > 0 && (await button.first().isVisible())) {
			await button.first().click({ timeout: 2000 }).catch(() => undefined);
		}
	}
}

async function login(page: Page, url: string): Promise<void> {
	await page.goto(`${url}/signin`, { waitUntil: 'domcontentloaded' });
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(OWNER_EMAIL, { timeout: 60000 });
	await page.locator('input[type="password"]').first().fill(OWNER_PASSWORD);
	await page.getByRole('button', { name: /sign in/i }).first().click();
	await page.waitForURL(/\/(home|workflows|projects|workflow)/, { timeout: 60000 });
}

/**
 * An active trigger workflow cannot be run from the editor: the sandbox makes the event happen instead (a signup of a
 * lead SendKit already has, so the run takes the Existing Lead branch), and the canvas shown is that execution's.
 */
async function openTriggeredExecution(page: Page, editor: RunningEditor, workflow: WorkflowFile): Promise<void> {
	const { sandbox } = editor;
	const rest = await N8nRest.login(editor.url);
	const sendKitHeaders = { 'content-type': 'application/json', 'x-api-key': sandbox.sendKit.workspaceKey };
	await fetch(`${sandbox.sendKit.url}/v1/leads`, { method: 'POST', headers: sendKitHeaders, body: JSON.stringify({ email: 'grace@example.com', tags: ['vip'] }) });
	for (let attempt = 0; attempt < 60 && sandbox.kickoffLabs.store.webhooks.list().length === 0; attempt++) await page.waitForTimeout(500);
	await fetch(`${sandbox.kickoffLabs.url}/v2/${sandbox.kickoffLabs.defaultCampaignId}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${sandbox.kickoffLabs.apiKey}` },
		body: JSON.stringify({ email: 'grace@example.com', first_name: 'Grace' }),
	});
	let executionId: string | undefined;
	for (let attempt = 0; attempt < 60 && !executionId; attempt++) {
		executionId = (await rest.executions(workflow.id)).find((execution) => execution.status === 'success')?.id;
		if (!executionId) await page.waitForTimeout(500);
	}
	if (!executionId) throw new Error(`the signup started no successful execution of ${workflow.file}`);
	await page.goto(`${editor.url}/workflow/${workflow.id}/executions/${executionId}`, { waitUntil: 'domcontentloaded' });
}

async function photograph(page: Page, editor: RunningEditor, workflow: WorkflowFile, node: string, outDir: string): Promise<string[]> {
	const url = editor.url;
	const base = path.basename(workflow.file, '.json');
	log(`[screenshots] ${workflow.file}: canvas, then the panel of "${node}"`);
	if (isTriggerWorkflow(workflow)) return await photographTriggered(page, editor, workflow, node, outDir);
	// Each example is photographed as on its first run: leads an earlier one created would send it to Existing Lead.
	for (const service of editor.sandbox.services) service.control.reset();
	await page.goto(`${url}/workflow/${workflow.id}`, { waitUntil: 'domcontentloaded' });
	const canvasNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${node}"]`);
	await canvasNode.waitFor({ state: 'visible', timeout: 60000 });
	await page.waitForTimeout(1500);
	await dismissPopups(page);

	// Run it, so every branch shows how many items took it.
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	await page
		.getByText(/workflow executed successfully|execution (finished|succeeded)|problem in node/i)
		.first()
		.waitFor({ state: 'visible', timeout: 60000 })
		.catch(() => undefined);
	await page.waitForTimeout(2500);
	await dismissPopups(page);
	await page.getByRole('button', { name: /zoom to fit|fit view/i }).first().click({ timeout: 3000 }).catch(() => undefined);
	await page.waitForTimeout(800);
	const canvasFile = path.join(outDir, `${base}.png`);
	await page.screenshot({ path: canvasFile });

	await canvasNode.dblclick();
	await page.locator('[data-test-id="ndv"], [data-test-id="node-parameters"]').first().waitFor({ state: 'visible', timeout: 30000 });
	await page.waitForTimeout(1500);
	const panelFile = path.join(outDir, `${base}-node.png`);
	await page.screenshot({ path: panelFile });
	await page.keyboard.press('Escape');
	return [canvasFile, panelFile];
}

async function photographTriggered(page: Page, editor: RunningEditor, workflow: WorkflowFile, node: string, outDir: string): Promise<string[]> {
	const base = path.basename(workflow.file, '.json');
	await openTriggeredExecution(page, editor, workflow);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible', timeout: 60000 }).catch(() => undefined);
	await page.waitForTimeout(2500);
	await dismissPopups(page);
	const canvasFile = path.join(outDir, `${base}.png`);
	await page.screenshot({ path: canvasFile });

	await page.goto(`${editor.url}/workflow/${workflow.id}`, { waitUntil: 'domcontentloaded' });
	const canvasNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${node}"]`);
	await canvasNode.waitFor({ state: 'visible', timeout: 60000 });
	await page.waitForTimeout(1500);
	await dismissPopups(page);
	await canvasNode.dblclick();
	await page.locator('[data-test-id="ndv"], [data-test-id="node-parameters"]').first().waitFor({ state: 'visible', timeout: 30000 });
	await page.waitForTimeout(1500);
	const panelFile = path.join(outDir, `${base}-node.png`);
	await page.screenshot({ path: panelFile });
	await page.keyboard.press('Escape');
	return [canvasFile, panelFile];
}

async function takeScreenshots(editor: RunningEditor, outDir: string): Promise<string[]> {
	const picked = pickWorkflows(editor.workflows);
	const chromium = await loadPlaywright();
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-capture-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
		colorScheme: 'light',
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	const written: string[] = [];
	const page = context.pages()[0] ?? (await context.newPage());
	try {
		await login(page, editor.url);
		for (const { workflow, node } of picked) {
			written.push(...(await photograph(page, editor, workflow, node, outDir)));
		}
	} catch (error) {
		const debugFile = path.join(cacheRoot(), 'screenshots-failure.png');
		await page.screenshot({ path: debugFile }).catch(() => undefined);
		log(`[screenshots] what the browser showed when it failed: ${debugFile} (at ${page.url()})`);
		throw error;
	} finally {
		await context.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
	return written;
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`${CHROMIUM} is missing. Install Debian's Chromium first:  sudo apt-get install -y chromium`);
	}
	const outDir = path.join(repoRoot(), 'docs', 'images');
	fs.mkdirSync(outDir, { recursive: true });
	const logFile = `${statePath('n8n-screenshots')}.log`;
	fs.mkdirSync(cacheRoot(), { recursive: true });
	fs.writeFileSync(logFile, '');
	const editor = await startEditor({
		port: await freePort(),
		sandboxPorts: 'free',
		userFolder: statePath('n8n-screenshots'),
		fresh: true,
		n8nOutput: logFile,
	});
	try {
		const files = await takeScreenshots(editor, outDir);
		for (const file of files) log(`[screenshots] wrote ${path.relative(repoRoot(), file)}`);
	} finally {
		await editor.stop();
	}
	log(`[screenshots] done in ${elapsedSince(startedAt)}`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(`[screenshots] failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	},
);
