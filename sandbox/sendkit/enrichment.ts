import { randomBytes } from 'node:crypto';

import type { SendKitLeadVerification, StoredSendKitLead } from './types';

/**
 * Enrichment types (docs/api-notes.md#sendkit-enrichment-and-email-verification) and the job type each one starts
 * (`email` → `email_verification`, the docs' example).
 */
export const ENRICHMENT_JOB_TYPES = {
	email: 'email_verification',
	segGateway: 'seg_detection',
	espDetection: 'esp_detection',
	phoneEnrichment: 'phone_enrichment',
} as const;

export type EnrichmentType = keyof typeof ENRICHMENT_JOB_TYPES;

export type JobStatus = 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled';

export interface EnrichmentJob {
	id: string;
	type: (typeof ENRICHMENT_JOB_TYPES)[EnrichmentType];
	enrichmentType: EnrichmentType;
	status: JobStatus;
	workspaceId: string;
	leadIds: string[];
	createdAt: number;
	startedAt?: number;
	completedAt?: number;
	processedItems: number;
	successCount: number;
	failedCount: number;
}

/**
 * How long jobs take and how they end, set by tests: a job is `pending` for `pendingMs`, then `processing` until
 * `pendingMs + processingMs` after it was created, then `completed` (or `failed`, with `outcome: 'fail'`).
 */
export interface JobTiming {
	pendingMs: number;
	processingMs: number;
	outcome: 'complete' | 'fail';
}

const DEFAULT_TIMING: JobTiming = { pendingMs: 100, processingMs: 400, outcome: 'complete' };

/** Enrichment jobs: started by POST /v1/enrichment/enrich, read by GET /v1/enrichment/jobs/{id}. */
export class EnrichmentJobs {
	timing: JobTiming = { ...DEFAULT_TIMING };
	private jobs: EnrichmentJob[] = [];

	reset(): void {
		this.jobs = [];
		this.timing = { ...DEFAULT_TIMING };
	}

	all(): EnrichmentJob[] {
		return [...this.jobs];
	}

	start(workspaceId: string, enrichmentType: EnrichmentType, leadIds: string[], now = Date.now()): EnrichmentJob {
		const type = ENRICHMENT_JOB_TYPES[enrichmentType];
		const job: EnrichmentJob = {
			id: `bulk_${type}_${now}_${randomBytes(4).toString('hex').slice(0, 7)}`,
			type,
			enrichmentType,
			status: 'pending',
			workspaceId,
			leadIds,
			createdAt: now,
			processedItems: 0,
			successCount: 0,
			failedCount: 0,
		};
		this.jobs.push(job);
		return job;
	}

	find(workspaceId: string, id: string): EnrichmentJob | undefined {
		return this.jobs.find((job) => job.id === id && job.workspaceId === workspaceId);
	}

	cancel(job: EnrichmentJob, now = Date.now()): void {
		job.status = 'cancelled';
		job.completedAt = now;
	}

	/** Moves every job along its timeline; a job that completes writes its findings on its leads, once. */
	settle(now: number, leadById: (id: string) => StoredSendKitLead | undefined): void {
		for (const job of this.jobs) {
			if (job.status === 'completed' || job.status === 'failed' || job.status === 'cancelled') continue;
			const started = job.createdAt + this.timing.pendingMs;
			if (now < started) continue;
			job.status = 'processing';
			job.startedAt ??= started;
			if (now < started + this.timing.processingMs) continue;
			job.completedAt = started + this.timing.processingMs;
			job.processedItems = job.leadIds.length;
			if (this.timing.outcome === 'fail') {
				job.status = 'failed';
				job.failedCount = job.leadIds.length;
				continue;
			}
			job.status = 'completed';
			const at = new Date(job.completedAt).toISOString();
			for (const id of job.leadIds) {
				const lead = leadById(id);
				if (!lead) {
					job.failedCount += 1;
					continue;
				}
				Object.assign(lead, findingsFor(job.enrichmentType, lead.email, at));
				lead.updatedAt = at > lead.updatedAt ? at : lead.updatedAt;
				job.successCount += 1;
			}
		}
	}
}

/**
 * The sandbox's verdicts, chosen by the address so tests can ask for each: `unknown…@` unknown, `bounce…@` or
 * `invalid…@` undeliverable, `@catchall.…` risky and catch-all, anything else deliverable. A domain naming a SEG
 * vendor (`proofpoint`, `mimecast`) is protected by it.
 */
function findingsFor(type: EnrichmentType, email: string, at: string): SendKitLeadVerification & { emailVerified?: boolean } {
	const [local, domain = ''] = email.split('@');
	if (type === 'email') {
		const verdict = verdictFor(local, domain);
		return { emailVerified: true, ...verdict, lastEnrichedAt: at };
	}
	if (type === 'segGateway') {
		const provider = Object.entries(SEG_PROVIDERS).find(([id]) => domain.includes(id));
		return provider
			? { segProtected: true, segProvider: provider[0], segProviderName: provider[1], segCheckedAt: at, lastEnrichedAt: at }
			: { segProtected: false, segProvider: null, segProviderName: null, segCheckedAt: at, lastEnrichedAt: at };
	}
	return { lastEnrichedAt: at };
}

const SEG_PROVIDERS: Record<string, string> = { proofpoint: 'Proofpoint', mimecast: 'Mimecast' };

function verdictFor(local: string, domain: string): SendKitLeadVerification {
	if (local.startsWith('unknown')) return { emailVerificationResult: 'unknown', emailVerificationScore: 0, emailCatchAll: false };
	if (local.startsWith('bounce') || local.startsWith('invalid')) {
		return { emailVerificationResult: 'undeliverable', emailVerificationScore: 5, emailCatchAll: false };
	}
	if (domain.startsWith('catchall.')) return { emailVerificationResult: 'risky', emailVerificationScore: 60, emailCatchAll: true };
	return { emailVerificationResult: 'deliverable', emailVerificationScore: 97, emailCatchAll: false };
}
