import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';

/** The node types a run knows, by '<package>.<node name>'; a versioned type gives the node of the version asked for. */
export class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		return this.lookup(type);
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		const nodeType = this.lookup(type);
		return 'getNodeType' in nodeType ? nodeType.getNodeType(version) : nodeType;
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	private lookup(type: string): INodeType | IVersionedNodeType {
		const nodeType = this.types[type];
		if (!nodeType) throw new Error(`Unknown node type: ${type}`);
		return nodeType;
	}
}
