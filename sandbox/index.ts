/* eslint-disable @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, not inside n8n */
/**
 * Local emulators of the SendKit and KickoffLabs lead APIs, for tests, the demo and a real n8n instance.
 * Behaviour follows ../shared/api/*.md and the response seeds field for field; what the docs leave open is marked
 * INFERRED where it is decided.
 */
import { ControlState } from './core/control';
import { startApiServer, type RunningApiServer } from './core/server';
import type { SandboxControl } from './core/types';
import { createCredentials, type KeyMode } from './credentials';
import { createKickoffLabsHandler } from './kickofflabs/handler';
import { kickoffLabsFaultBody } from './kickofflabs/responses';
import { KickoffLabsStore } from './kickofflabs/store';
import { createSendKitHandler, sendKitFaultBody } from './sendkit/handler';
import { SendKitStore } from './sendkit/store';

export type { Faults, OneShotFault, RecordedRequest, SandboxControl } from './core/types';
export type { KeyMode } from './credentials';
export { KickoffLabsStore } from './kickofflabs/store';
export type { KickoffLabsCampaign, KickoffLabsLead } from './kickofflabs/store';
export { SendKitStore } from './sendkit/store';
export type { SendKitLead, SendKitWorkspace } from './sendkit/store';

export interface SandboxOptions {
	/** 0 or undefined = random free port. */
	sendKitPort?: number;
	/** 0 or undefined = random free port. */
	kickoffLabsPort?: number;
	/** 'fixed': the same readable keys on every start; 'random' (default): fresh keys per start. */
	keys?: KeyMode;
}

export interface RunningSandbox {
	sendKit: {
		/** e.g. http://127.0.0.1:PORT, no trailing slash; API paths start with /v1. */
		url: string;
		workspaceKey: string;
		platformKey: string;
		workspaceId: string;
		/** Exists, but the platform key's user is not a member (403). */
		otherWorkspaceId: string;
		control: SandboxControl;
		store: SendKitStore;
	};
	kickoffLabs: {
		/** e.g. http://127.0.0.1:PORT, no trailing slash; API paths start with /v2. */
		url: string;
		apiKey: string;
		defaultCampaignId: string;
		otherCampaignId: string;
		control: SandboxControl;
		store: KickoffLabsStore;
	};
	close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	const credentials = createCredentials(options.keys ?? 'random');
	const { sendKit: sendKitIdentity, kickoffLabs: kickoffLabsIdentity } = credentials;

	const sendKitStore = new SendKitStore(sendKitIdentity);
	const sendKitControl = new ControlState(() => sendKitStore.reset());
	const sendKitServer = await startApiServer({
		port: options.sendKitPort ?? 0,
		control: sendKitControl,
		handle: createSendKitHandler(sendKitStore),
		faultBody: sendKitFaultBody,
		secrets: [sendKitIdentity.workspaceKey, sendKitIdentity.platformKey],
	});

	const kickoffLabsStore = new KickoffLabsStore(kickoffLabsIdentity);
	const kickoffLabsControl = new ControlState(() => kickoffLabsStore.reset());
	let kickoffLabsServer: RunningApiServer;
	try {
		kickoffLabsServer = await startApiServer({
			port: options.kickoffLabsPort ?? 0,
			control: kickoffLabsControl,
			handle: createKickoffLabsHandler(kickoffLabsStore, kickoffLabsIdentity.apiKey),
			faultBody: kickoffLabsFaultBody,
			secrets: [kickoffLabsIdentity.apiKey],
		});
	} catch (error) {
		await sendKitServer.close();
		throw error;
	}

	return {
		sendKit: {
			url: sendKitServer.url,
			workspaceKey: sendKitIdentity.workspaceKey,
			platformKey: sendKitIdentity.platformKey,
			workspaceId: sendKitIdentity.workspaceId,
			otherWorkspaceId: sendKitIdentity.otherWorkspaceId,
			control: sendKitControl,
			store: sendKitStore,
		},
		kickoffLabs: {
			url: kickoffLabsServer.url,
			apiKey: kickoffLabsIdentity.apiKey,
			defaultCampaignId: String(kickoffLabsIdentity.defaultCampaignId),
			otherCampaignId: String(kickoffLabsIdentity.otherCampaignId),
			control: kickoffLabsControl,
			store: kickoffLabsStore,
		},
		close: async () => {
			await Promise.all([sendKitServer.close(), kickoffLabsServer.close()]);
		},
	};
}
