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
export interface StoredSendKitLead extends SendKitLeadFields, SendKitLeadVerification {
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

/**
 * What enrichment writes on a lead (docs/api-notes.md#sendkit-lead-fields-only-in-responses, seed document's
 * create-lead "Responses"). The score and catch-all names are INFERRED: the seed documents both fields but no stored
 * copy names them (docs/api-notes.md#sendkit-lead-fields-not-documented).
 */
export interface SendKitLeadVerification {
	emailVerificationResult?: 'deliverable' | 'undeliverable' | 'risky' | 'unknown';
	emailVerificationScore?: number;
	emailCatchAll?: boolean;
	segProtected?: boolean;
	segProvider?: string | null;
	segProviderName?: string | null;
	segCheckedAt?: string;
	lastEnrichedAt?: string;
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
