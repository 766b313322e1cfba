import type { SandboxResponse } from '../core/types';
import { genericError, ok, resourceError, validationError } from './answers';
import { ENRICHMENT_JOB_TYPES } from './enrichment';
import { enrichBodySchema } from './schemas';
import type { RouteContext } from './routeContext';
import { jobView } from './views';

/**
 * POST /v1/enrichment/enrich: one job per enrichment type over the leads of this workspace (ids of other or deleted
 * leads are left out; none left is a 400). Email verification costs a credit per lead, charged up front
 * (docs/api-notes.md#sendkit-enrichment-and-email-verification).
 */
export function enrich({ request, store }: RouteContext, workspaceId: string): SandboxResponse {
	const parsed = enrichBodySchema.safeParse(request.body ?? {});
	if (!parsed.success) return validationError(parsed.error);
	const leadIds = [...new Set(parsed.data.leadIds.map((id) => id.toLowerCase()))].filter((id) => store.findLeadById(workspaceId, id));
	if (leadIds.length === 0) return resourceError(400, 'NO_LEADS', 'No valid leads found for the given leadIds');
	const types = [...new Set(parsed.data.enrichmentTypes)];
	const jobs = types.map((type) => store.enrichment.start(workspaceId, type, leadIds));
	const credits = (type: string) => (type === ENRICHMENT_JOB_TYPES.email ? leadIds.length : 0);
	return ok({
		jobs: jobs.map((job) => ({ jobId: job.id, type: job.type, status: job.status, totalItems: leadIds.length, creditsUsed: credits(job.type) })),
		totalLeads: leadIds.length,
		totalCreditsCharged: jobs.reduce((sum, job) => sum + credits(job.type), 0),
	});
}

export function getJob({ store, params }: RouteContext, workspaceId: string): SandboxResponse {
	const job = store.enrichment.find(workspaceId, decodeURIComponent(params[0]));
	return job ? ok(jobView(job)) : genericError(404, 'Job not found');
}

/** Only pending or processing jobs can be cancelled (docs/api-notes.md#sendkit-enrichment-and-email-verification). */
export function cancelJob({ store, params }: RouteContext, workspaceId: string): SandboxResponse {
	const job = store.enrichment.find(workspaceId, decodeURIComponent(params[0]));
	if (!job) return genericError(404, 'Job not found');
	if (job.status !== 'pending' && job.status !== 'processing') {
		return resourceError(400, 'INVALID_STATE', `Only pending or processing jobs can be cancelled (this one is ${job.status})`);
	}
	store.enrichment.cancel(job);
	return ok(jobView(job));
}
