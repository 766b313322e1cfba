/**
 * The packages `npm run pack` builds from this repository's one source tree: one per service (what n8n can verify:
 * "each package should integrate exactly one third-party service") and the combined one for users who want both.
 * A package is described by the services it carries; its files, examples and README sections follow from them.
 */

export interface ServiceParts {
	/** As the README and the node names spell it. */
	title: 'SendKit' | 'KickoffLabs';
	/** Folder under nodes/ (and dist/nodes/). */
	nodeFolder: string;
	/** Files of dist/ listed in the package's `n8n` section, in the order the combined package lists them. */
	nodes: string[];
	credentials: string[];
	/** Keywords a user searches npm and n8n's node panel with. */
	keywords: string[];
}

export const SERVICES: Record<'sendkit' | 'kickofflabs', ServiceParts> = {
	sendkit: {
		title: 'SendKit',
		nodeFolder: 'SendKit',
		nodes: [
			'dist/nodes/SendKit/SendKit.node.js',
			'dist/nodes/SendKit/SendKitTrigger.node.js',
			'dist/nodes/SendKit/SendKitNewLeadTrigger.node.js',
		],
		credentials: ['dist/credentials/SendKitApi.credentials.js'],
		keywords: ['sendkit', 'cold outreach', 'leads'],
	},
	kickofflabs: {
		title: 'KickoffLabs',
		nodeFolder: 'KickoffLabs',
		nodes: ['dist/nodes/KickoffLabs/KickoffLabs.node.js', 'dist/nodes/KickoffLabs/KickoffLabsTrigger.node.js'],
		credentials: ['dist/credentials/KickoffLabsApi.credentials.js'],
		keywords: ['kickofflabs', 'waitlist', 'referral', 'leads'],
	},
};

export interface PackageSpec {
	name: string;
	description: string;
	services: ServiceParts[];
}

export const PACKAGES: PackageSpec[] = [
	{
		name: 'n8n-nodes-sendkit',
		description:
			'n8n community nodes for SendKit cold outreach: create, find, import and verify leads, add them to campaigns, ' +
			'branch on existing and not-found leads instead of failing, and start workflows on SendKit events and new leads.',
		services: [SERVICES.sendkit],
	},
	{
		name: 'n8n-nodes-kickofflabs',
		description:
			'n8n community nodes for KickoffLabs waitlists and referral campaigns: sign leads up, look them up, update, ' +
			'add points, branch on existing and not-found leads instead of failing, and start workflows on new signups.',
		services: [SERVICES.kickofflabs],
	},
	{
		name: 'n8n-nodes-lead-capture',
		description:
			'n8n community nodes for KickoffLabs and SendKit leads: create and get leads, and branch on duplicates, ' +
			'existing leads and not-found leads instead of failing.',
		services: [SERVICES.sendkit, SERVICES.kickofflabs],
	},
];

/** The package whose name the repository carries: its README is the repository's README, its examples the originals. */
export const COMBINED = 'n8n-nodes-lead-capture';

/** The services a package leaves out: none of their names may appear in its files. */
export function servicesLeftOut(spec: PackageSpec): ServiceParts[] {
	return Object.values(SERVICES).filter((service) => !spec.services.includes(service));
}
