/** Every resource of the KickoffLabs node and its operations: the router must handle each of them. */
export type KickoffLabsResources = {
	lead: 'create' | 'get' | 'update' | 'delete' | 'addPoints' | 'completeAction';
	campaign: 'getMany' | 'getStats';
};
