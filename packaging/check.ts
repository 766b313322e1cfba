/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * `npm run pack:check`: each tarball in packs/ (from `npm run pack`) checked the way n8n checks a package before it
 * verifies it, short of what needs the published copy (provenance, the download of the attested source):
 * - the scanner's `analyzePackage` on the unpacked tarball (its compiled files and package.json) and on the source the
 *   tarball was built from (the package.json, and that package's nodes/ and credentials/ sources);
 * - `n8n-node lint` on that same source.
 * First it proves the scanner sees what it is given: a source with a forbidden global must fail.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { log, repoRoot, run, runOrThrow } from '../dev/real-n8n/util';
import { PACKAGES, type PackageSpec } from './packages';
import { analyze, ensureScanner, type ScanResult, SOURCE_PATTERNS, TARBALL_PATTERNS } from './scanner';
import { nodeFoldersFor, readRootPackageJson } from './tarballs';

/** The repository's sources of one package, laid out as a package of its own: what its `npm run lint` would see. */
function sourceView(spec: PackageSpec, root: string, packageJson: string, dir: string): void {
	fs.mkdirSync(path.join(dir, 'credentials'), { recursive: true });
	fs.copyFileSync(packageJson, path.join(dir, 'package.json'));
	fs.copyFileSync(path.join(root, 'eslint.config.mjs'), path.join(dir, 'eslint.config.mjs'));
	for (const folder of nodeFoldersFor(spec, path.join(root, 'nodes'))) {
		fs.cpSync(path.join(root, 'nodes', folder), path.join(dir, 'nodes', folder), { recursive: true });
	}
	for (const built of spec.services.flatMap((service) => service.credentials)) {
		const source = built.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		fs.copyFileSync(path.join(root, source), path.join(dir, source));
	}
	// The linter and its plugins, from this repository's devDependencies.
	fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
}

function describe(result: ScanResult): string {
	return result.passed ? 'passed' : `FAILED: ${result.message ?? ''}\n${result.details ?? ''}`;
}

async function main(): Promise<void> {
	const root = repoRoot();
	const version = readRootPackageJson(root).version;
	const tarballs = PACKAGES.map((spec) => path.join(root, 'packs', `${spec.name}-${version}.tgz`));
	const absent = tarballs.filter((file) => !fs.existsSync(file));
	if (absent.length > 0) throw new Error(`no ${absent.map((file) => path.basename(file)).join(', ')}: run \`npm run pack\` first`);
	const scanner = await ensureScanner();
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-capture-pack-check-'));
	let failed = 0;
	try {
		const canary = path.join(scratch, 'canary');
		fs.mkdirSync(path.join(canary, 'nodes', 'Canary'), { recursive: true });
		fs.writeFileSync(path.join(canary, 'nodes', 'Canary', 'Canary.node.ts'), 'export const wait = () => setTimeout(() => undefined, 1);\n');
		const canaryResult = await analyze(scanner, canary, SOURCE_PATTERNS);
		if (canaryResult.passed || !canaryResult.details?.includes('setTimeout')) {
			throw new Error(`the scanner did not flag a node that uses setTimeout: it does not see the files it is given (${describe(canaryResult)})`);
		}
		log('scanner: flags a forbidden global in a canary node, as it should');

		for (const [index, spec] of PACKAGES.entries()) {
			const unpacked = path.join(scratch, spec.name, 'tarball');
			const source = path.join(scratch, spec.name, 'source');
			fs.mkdirSync(unpacked, { recursive: true });
			await runOrThrow('tar', ['-xzf', tarballs[index], '-C', unpacked, '--strip-components=1']);
			sourceView(spec, root, path.join(unpacked, 'package.json'), source);
			const tarballScan = await analyze(scanner, unpacked, TARBALL_PATTERNS);
			const sourceScan = await analyze(scanner, source, SOURCE_PATTERNS);
			const lint = await run(path.join(source, 'node_modules', '.bin', 'n8n-node'), ['lint'], { cwd: source });
			const lintPassed = lint.code === 0;
			log(`${spec.name}: scanner on the tarball ${describe(tarballScan)}; scanner on its source ${describe(sourceScan)}; ` +
				`n8n-node lint ${lintPassed ? 'passed' : `FAILED:\n${lint.stdout}\n${lint.stderr}`}`);
			if (!tarballScan.passed || !sourceScan.passed || !lintPassed) failed++;
		}
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
	if (failed > 0) throw new Error(`${failed} of ${PACKAGES.length} packages failed the checks n8n runs before verifying a package`);
}

main().catch((error: unknown) => {
	log(error instanceof Error ? error.message : String(error));
	process.exit(1);
});
