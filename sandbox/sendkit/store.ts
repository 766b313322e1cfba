import { randomBytes } from 'node:crypto';

import type { SendKitIdentity } from './keys';

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

/** The optional create fields, under their stored names (`phone` is stored as `phoneNumber`). */
export interface SendKitLeadFields {
	firstName?: string;
	lastName?: string;
	companyName?: string;
	jobTitle?: string;
	phoneNumber?: string;
	linkedinUrl?: string;
	city?: string;
	state?: string;
	country?: string;
}

/**
 * A stored lead. Optional fields that were never sent stay absent (like an unset field of a MongoDB document) and
 * are therefore omitted from responses; `tags` and `customFields` always exist and default to [] and {}.
 */
export interface SendKitLead extends SendKitLeadFields {
	_id: string;
	email: string;
	tags: string[];
	customFields: Record<string, unknown>;
	emailVerified: boolean;
	userId: string;
	workspaceId: string;
	createdAt: string;
	updatedAt: string;
}

export interface NewSendKitLead extends SendKitLeadFields {
	email: string;
	tags?: string[];
	customFields?: Record<string, unknown>;
	userId: string;
	workspaceId: string;
}

export interface SendKitLeadChanges extends SendKitLeadFields {
	tags?: string[];
	customFields?: Record<string, unknown>;
}

const SEEDED_AT = '2025-06-01T09:00:00.000Z';

/** In-memory SendKit account: two workspaces, two API keys, and the leads created through the API. */
export class SendKitStore {
	readonly workspaces: readonly SendKitWorkspace[];
	private readonly leadsById = new Map<string, SendKitLead>();
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
	}

	/** Seeded state has no leads. Ids keep increasing across resets, so an id from before a reset never comes back. */
	reset(): void {
		this.leadsById.clear();
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

	/** Every lead of every workspace, in creation order (each has `createdAt`): for tests that count duplicates by email. */
	allLeads(): SendKitLead[] {
		return [...this.leadsById.values()];
	}

	/** The workspace's leads in `_id` order (which is creation order). */
	leads(workspaceId: string): SendKitLead[] {
		return [...this.leadsById.values()].filter((lead) => lead.workspaceId === workspaceId);
	}

	findLeadById(workspaceId: string, id: string): SendKitLead | undefined {
		const lead = this.leadsById.get(id.toLowerCase());
		return lead?.workspaceId === workspaceId ? lead : undefined;
	}

	findLeadByEmail(workspaceId: string, email: string): SendKitLead | undefined {
		const wanted = normalizeEmail(email);
		// A loop rather than leads().find(): no copy of every lead per create, for 20,000-lead benchmarks.
		for (const lead of this.leadsById.values()) {
			if (lead.workspaceId === workspaceId && lead.email === wanted) return lead;
		}
		return undefined;
	}

	createLead(input: NewSendKitLead): SendKitLead {
		const now = new Date().toISOString();
		const lead: SendKitLead = {
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
		return lead;
	}

	/** Custom fields are merged into the existing ones (documented); tags are replaced (the docs' example suggests it). */
	updateLead(lead: SendKitLead, changes: SendKitLeadChanges): SendKitLead {
		const { tags, customFields, ...fields } = changes;
		Object.assign(lead, definedFields(fields));
		if (tags !== undefined) lead.tags = [...tags];
		if (customFields !== undefined) lead.customFields = { ...lead.customFields, ...customFields };
		lead.updatedAt = isoAfter(lead.updatedAt);
		return lead;
	}
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

/** Now, but strictly later than `previous`, so an update is always visible in `updatedAt` even within one millisecond. */
function isoAfter(previous: string): string {
	return new Date(Math.max(Date.now(), Date.parse(previous) + 1)).toISOString();
}

/**
 * ObjectId-like 24-hex ids (4-byte seconds, 5 random bytes, 3-byte counter) that sort in creation order, which the
 * cursor pagination relies on.
 */
class ObjectIdSequence {
	private readonly machine = randomBytes(5).toString('hex');
	private seconds = 0;
	private counter = 0;

	next(): string {
		this.seconds = Math.max(this.seconds, Math.floor(Date.now() / 1000));
		this.counter += 1;
		return hex(this.seconds, 8) + this.machine + hex(this.counter, 6);
	}
}

function hex(value: number, width: number): string {
	return value.toString(16).padStart(width, '0').slice(-width);
}
