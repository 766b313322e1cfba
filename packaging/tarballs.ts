/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * Building the packages: each package's files staged in a folder of its own (package.json, README.md, LICENSE, the
 * compiled nodes and credentials of its services with the shared core, its pictures and examples), then `npm pack`.
 * The per-service package.json and README.md are also written to packaging/<package>/, where they are committed:
 * n8n's scanner looks for the package.json of the package it scans in the repository the package was published from.
 */
import * as fs from 'fs';
import * as path from 'path';

import { runOrThrow } from '../dev/real-n8n/util';
import { exampleForPackage, examplesFor, imagesFor } from './contents';
import { githubRepository, packageFolder, packageJsonFor, type RootPackageJson } from './manifest';
import { COMBINED, PACKAGES, type PackageSpec, SERVICES } from './packages';
import { readmeFor } from './readme';

/** Compiled files a node package needs; declarations and source maps point at sources it does not ship. */
const SHIPPED_EXTENSIONS = /\.(js|json|svg|png)$/;

export function readRootPackageJson(repoRoot: string): RootPackageJson {
	return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as RootPackageJson;
}

function filesUnder(repoRoot: string, dir: string): string[] {
	const absolute = path.join(repoRoot, dir);
	if (!fs.existsSync(absolute)) return [];
	return (fs.readdirSync(absolute, { recursive: true, withFileTypes: true }) as fs.Dirent[])
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
		.filter((file) => SHIPPED_EXTENSIONS.test(file))
		.sort();
}

/** The folders under nodes/ (or dist/nodes/) a package carries: its services' and every folder of no service (the shared core). */
export function nodeFoldersFor(spec: PackageSpec, nodesDir: string): string[] {
	const serviceFolders = Object.values(SERVICES).map((service) => service.nodeFolder);
	return fs
		.readdirSync(nodesDir)
		.filter((folder) => !serviceFolders.includes(folder) || spec.services.some((service) => service.nodeFolder === folder));
}

/** dist/ files of a package: its node folders and its services' credentials. */
function distFilesFor(spec: PackageSpec, repoRoot: string): string[] {
	const nodeFolders = nodeFoldersFor(spec, path.join(repoRoot, 'dist', 'nodes'));
	const credentials = spec.services
		.flatMap((service) => service.credentials)
		.flatMap((file) => filesUnder(repoRoot, 'dist/credentials').filter((built) => built.startsWith(file.replace(/\.js$/, ''))));
	return [...nodeFolders.flatMap((folder) => filesUnder(repoRoot, `dist/nodes/${folder}`)), ...credentials];
}

export interface PackageContents {
	spec: PackageSpec;
	/** Files copied as they are, by path in the repository (and in the package). */
	copied: string[];
	/** Files written for this package, by path in the package. */
	written: Record<string, string>;
}

export function contentsOf(spec: PackageSpec, repoRoot: string): PackageContents {
	const root = readRootPackageJson(repoRoot);
	const missing = [...root.n8n.nodes, ...root.n8n.credentials].filter((file) => !fs.existsSync(path.join(repoRoot, file)));
	if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')}. Run \`npm run build\` first.`);
	const examples = examplesFor(spec, repoRoot);
	const images = imagesFor(spec, repoRoot).map((file) => `docs/images/${file}`);
	const shipped = [...images, ...examples.map((file) => `examples/${file}`)];
	const mainReadme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
	const written: Record<string, string> = {
		'package.json': `${JSON.stringify(packageJsonFor(spec, root), null, '\t')}\n`,
		'README.md': spec.name === COMBINED ? mainReadme : readmeFor(spec, mainReadme, shipped),
	};
	for (const file of examples) {
		written[`examples/${file}`] = exampleForPackage(fs.readFileSync(path.join(repoRoot, 'examples', file), 'utf8'), spec);
	}
	return { spec, copied: ['LICENSE', ...distFilesFor(spec, repoRoot), ...images], written };
}

/** packaging/<package>/package.json and README.md of each per-service package, as committed. */
export function committedFiles(repoRoot: string): Record<string, string> {
	const root = readRootPackageJson(repoRoot);
	const files: Record<string, string> = {};
	for (const spec of PACKAGES) {
		const folder = packageFolder(spec, root);
		if (!folder) continue;
		const { written } = contentsOf(spec, repoRoot);
		files[`${folder}/package.json`] = written['package.json'];
		files[`${folder}/README.md`] = written['README.md'];
	}
	return files;
}

export function stage(contents: PackageContents, repoRoot: string, dir: string): void {
	fs.rmSync(dir, { recursive: true, force: true });
	for (const file of contents.copied) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.copyFileSync(path.join(repoRoot, file), path.join(dir, file));
	}
	for (const [file, text] of Object.entries(contents.written)) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), text);
	}
}

/** Stages and packs every package into outDir; returns the tarballs' paths, in PACKAGES order. */
export async function packAll(repoRoot: string, stagingRoot: string, outDir: string): Promise<string[]> {
	fs.mkdirSync(outDir, { recursive: true });
	const tarballs: string[] = [];
	for (const spec of PACKAGES) {
		const dir = path.join(stagingRoot, spec.name);
		stage(contentsOf(spec, repoRoot), repoRoot, dir);
		const { stdout } = await runOrThrow('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], { cwd: dir });
		const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
		tarballs.push(path.join(outDir, packed.filename));
	}
	return tarballs;
}

/** Why the packages cannot be verified by n8n yet, or undefined when nothing stands in the way that pack can see. */
export function verificationBlocker(repoRoot: string): string | undefined {
	const repository = githubRepository(readRootPackageJson(repoRoot));
	return 'missing' in repository ? repository.missing : undefined;
}
