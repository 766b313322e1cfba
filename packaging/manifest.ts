/**
 * The package.json of each package `npm run pack` builds, made from the repository's package.json (version, licence,
 * author, engines, the n8n API level, and `repository`: the one place the owner edits) and the package's services.
 * No `dependencies` and no devDependencies or scripts: n8n verifies only packages without runtime dependencies, and a
 * user's npm install runs nothing from it.
 */
import type { PackageSpec } from './packages';

export interface RootPackageJson {
	name: string;
	version: string;
	license: string;
	author: { name: string; email: string };
	engines: Record<string, string>;
	peerDependencies: Record<string, string>;
	/** Where the source lives: `github:<owner>/<repo>`, `https://github.com/<owner>/<repo>` or npm's object form. */
	repository?: string | { type?: string; url: string };
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
}

/** `https://github.com/<owner>/<repo>` from the forms npm accepts for `repository`, or why there is none. */
export function githubRepository(root: Pick<RootPackageJson, 'repository'>): { url: string } | { missing: string } {
	const raw = typeof root.repository === 'string' ? root.repository : root.repository?.url;
	if (!raw) {
		return {
			missing:
				'package.json has no "repository". n8n verifies a package only when npm provenance links it to a public GitHub ' +
				'repository whose URL matches package.json: set "repository" to "github:<owner>/<repo>" (see README, Publishing).',
		};
	}
	const match = /^(?:github:|git\+https:\/\/github\.com\/|https:\/\/github\.com\/)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(raw);
	if (!match) return { missing: `package.json "repository" (${raw}) is not a GitHub repository: npm provenance and n8n's scanner need one.` };
	return { url: `https://github.com/${match[1]}/${match[2]}` };
}

/** Where a package's README lives in the repository: the root for the combined package, its packaging folder otherwise. */
export function packageFolder(spec: PackageSpec, root: Pick<RootPackageJson, 'name'>): string | undefined {
	return spec.name === root.name ? undefined : `packaging/${spec.name}`;
}

export function packageJsonFor(spec: PackageSpec, root: RootPackageJson): Record<string, unknown> {
	const repository = githubRepository(root);
	const folder = packageFolder(spec, root);
	const source =
		'url' in repository
			? {
					homepage: folder ? `${repository.url}/tree/main/${folder}#readme` : `${repository.url}#readme`,
					repository: { type: 'git', url: `git+${repository.url}.git`, ...(folder ? { directory: folder } : {}) },
					bugs: { url: `${repository.url}/issues` },
				}
			: { homepage: `https://www.npmjs.com/package/${spec.name}` };
	// In the repository's order, so the combined package lists exactly what package.json does.
	const ownFiles = (files: string[]) =>
		files.filter((file) => spec.services.some((service) => [...service.nodes, ...service.credentials].includes(file)));
	return {
		name: spec.name,
		version: root.version,
		description: spec.description,
		keywords: ['n8n-community-node-package', 'n8n', ...new Set(spec.services.flatMap((service) => service.keywords))],
		license: root.license,
		author: root.author,
		...source,
		engines: root.engines,
		files: ['dist', 'docs', 'examples'],
		n8n: {
			n8nNodesApiVersion: root.n8n.n8nNodesApiVersion,
			strict: root.n8n.strict,
			credentials: ownFiles(root.n8n.credentials),
			nodes: ownFiles(root.n8n.nodes),
		},
		peerDependencies: root.peerDependencies,
	};
}
