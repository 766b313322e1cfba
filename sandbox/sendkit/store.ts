import { CampaignBook } from './campaigns';
import { EnrichmentJobs } from './enrichment';
import { ObjectIdSequence } from './ids';
import type { SendKitIdentity } from './keys';
import type { NewSendKitLead, StoredSendKitLead, SendKitLeadChanges, SendKitLeadFields } from './types';
import { sendKitVariants } from './variants';
import { SendKitWebhooks } from './webhooks';

export interface SendKitWorkspace {
	id: string;
	name: string;
	ownerId: string;
	memberIds: string[];
	createdAt: string;
}

export type SendKitPrincipal =
	| { kind: 'workspace'; userId: string; workspaceId: string }
	| { kind: 'platform'; userId: string };

const SEEDED_AT = '2025-06-01T09:00:00.000Z';

/**
 * Test settings of the list endpoints (their order, cursor and pagination style are variants): with
 * `filterAfterScan` a page scans `limit` leads and drops those the filters exclude, so a filtered page can come back
 * sparse or empty while more pages follow (a third-party playbook's warning, docs/api-notes.md#sendkit-pagination).
 */
export interface ListingSettings {
	filterAfterScan: boolean;
	/** Runs before each list page is read: lets a test change the list between the pages of one walk. */
	beforePage?: () => void;
}

/** In-memory SendKit account: two workspaces, two API keys, leads, seeded campaigns and enrichment jobs. */
export class SendKitStore {
	readonly workspaces: readonly SendKitWorkspace[];
	readonly campaigns: CampaignBook;
	readonly enrichment: EnrichmentJobs;
	listing: ListingSettings = { filterAfterScan: false };
	/** How the sandbox answers where SendKit's docs are silent. */
	readonly variants = sendKitVariants();
	/** Registered webhooks and the deliveries made to them. */
	readonly webhooks = new SendKitWebhooks(this.variants);
	private readonly leadsById = new Map<string, StoredSendKitLead>();
	/** `<workspaceId> <email>` → lead id: bulk imports of thousands look every email up. */
	private readonly idsByEmail = new Map<string, string>();
	private readonly ids = new ObjectIdSequence();

	constructor(private readonly identity: SendKitIdentity) {
		this.workspaces = [
			{ id: identity.workspaceId, name: 'Sandbox Workspace', ownerId: identity.userId, memberIds: [identity.userId], createdAt: SEEDED_AT },
			{
				id: identity.otherWorkspaceId,
				name: 'Other Team Workspace',
				ownerId: identity.otherWorkspaceOwnerId,
				memberIds: [identity.otherWorkspaceOwnerId, '664f0a1b2c3d4e5f6a7b8ca1', '664f0a1b2c3d4e5f6a7b8ca2'],
				createdAt: SEEDED_AT,
			},
		];
		this.campaigns = new CampaignBook(identity, () => this.ids.next());
		this.enrichment = new EnrichmentJobs();
	}

	/**
	 * Seeded state: no leads, the seeded campaigns without leads, no jobs, every variant at its default. Ids keep increasing across
	 * resets, so an id from before a reset never comes back.
	 */
	reset(): void {
		this.leadsById.clear();
		this.idsByEmail.clear();
		this.campaigns.reset();
		this.enrichment.reset();
		this.listing = { filterAfterScan: false };
		this.webhooks.reset();
		this.variants.reset();
	}

	newId(): string {
		return this.ids.next();
	}

	/** Deletes leads; their campaign memberships become `removed` (docs: DELETE /v1/leads with force). */
	deleteLeads(workspaceId: string, ids: readonly string[]): number {
		let deleted = 0;
		for (const id of ids) {
			const lead = this.findLeadById(workspaceId, id);
			if (!lead) continue;
			this.leadsById.delete(lead._id);
			this.idsByEmail.delete(`${workspaceId} ${lead.email}`);
			this.campaigns.removeLead(lead._id);
			deleted += 1;
		}
		return deleted;
	}

	/** Applies what finished enrichment jobs found to their leads. */
	settleEnrichment(now = Date.now()): void {
		this.enrichment.settle(now, (id) => this.leadsById.get(id));
	}

	principalForKey(key: string): SendKitPrincipal | undefined {
		if (key === this.identity.workspaceKey) {
			return { kind: 'workspace', userId: this.identity.userId, workspaceId: this.identity.workspaceId };
		}
		if (key === this.identity.platformKey) return { kind: 'platform', userId: this.identity.userId };
		return undefined;
	}

	workspacesVisibleTo(principal: SendKitPrincipal): SendKitWorkspace[] {
		return principal.kind === 'workspace'
			? this.workspaces.filter((workspace) => workspace.id === principal.workspaceId)
			: this.workspaces.filter((workspace) => workspace.memberIds.includes(principal.userId));
	}

	isMember(userId: string, workspaceId: string): boolean {
		return this.workspaces.some((workspace) => workspace.id === workspaceId && workspace.memberIds.includes(userId));
	}

	/**
	 * Every lead of every workspace, in creation order (each has `createdAt`): for tests that count duplicates by
	 * email.
	 */
	allLeads(): StoredSendKitLead[] {
		return [...this.leadsById.values()];
	}

	/** The workspace's leads in `_id` order (which is creation order). */
	leads(workspaceId: string): StoredSendKitLead[] {
		return [...this.leadsById.values()].filter((lead) => lead.workspaceId === workspaceId);
	}

	findLeadById(workspaceId: string, id: string): StoredSendKitLead | undefined {
		const lead = this.leadsById.get(id.toLowerCase());
		return lead?.workspaceId === workspaceId ? lead : undefined;
	}

	findLeadByEmail(workspaceId: string, email: string): StoredSendKitLead | undefined {
		const id = this.idsByEmail.get(`${workspaceId} ${normalizeEmail(email)}`);
		return id === undefined ? undefined : this.leadsById.get(id);
	}

	createLead(input: NewSendKitLead): StoredSendKitLead {
		const now = new Date().toISOString();
		const lead: StoredSendKitLead = {
			...definedFields(input),
			_id: this.ids.next(),
			email: normalizeEmail(input.email),
			tags: [...(input.tags ?? [])],
			customFields: { ...(input.customFields ?? {}) },
			emailVerified: false,
			userId: input.userId,
			workspaceId: input.workspaceId,
			createdAt: now,
			updatedAt: now,
		};
		this.leadsById.set(lead._id, lead);
		this.idsByEmail.set(`${lead.workspaceId} ${lead.email}`, lead._id);
		return lead;
	}

	/**
	 * Custom fields are merged into the existing ones (documented); tags are replaced (the docs' example suggests it).
	 */
	updateLead(lead: StoredSendKitLead, changes: SendKitLeadChanges): StoredSendKitLead {
		const { tags, customFields, ...fields } = changes;
		Object.assign(lead, definedFields(fields));
		if (tags !== undefined) lead.tags = [...tags];
		if (customFields !== undefined) lead.customFields = { ...lead.customFields, ...customFields };
		touch(lead);
		return lead;
	}
}

function touch(lead: StoredSendKitLead): void {
	lead.updatedAt = isoAfter(lead.updatedAt);
}

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

function definedFields(input: SendKitLeadFields): SendKitLeadFields {
	const fields: SendKitLeadFields = {};
	for (const key of LEAD_FIELD_NAMES) {
		const value = input[key];
		if (value !== undefined) fields[key] = value;
	}
	return fields;
}

/** The optional fields, in the order the API answers them. */
export const LEAD_FIELD_NAMES = [
	'firstName',
	'lastName',
	'companyName',
	'jobTitle',
	'phoneNumber',
	'linkedinUrl',
	'city',
	'state',
	'country',
] as const satisfies readonly (keyof SendKitLeadFields)[];

/**
 * Now, but strictly later than `previous`, so an update is always visible in `updatedAt` even within one millisecond.
 */
function isoAfter(previous: string): string {
	return new Date(Math.max(Date.now(), Date.parse(previous) + 1)).toISOString();
}
