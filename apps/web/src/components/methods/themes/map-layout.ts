/**
 * The thematic map as the canvas draws it: the server's nodes and edges turned into React Flow
 * nodes and edges, with a tidy default place for nodes nobody has moved yet (themes in a top row,
 * subthemes below, codes at the bottom) and the rules for which edges may be deleted. Pure.
 */
import type { Edge, Node } from "@xyflow/react";
import type {
  MapEdgeView,
  MapNodeKind,
  MapNodeView,
  ThematicMapView,
} from "../../../api/themes.js";

export interface MapNodeData extends Record<string, unknown> {
  label: string;
  kind: MapNodeKind;
  status: string | null;
  isMisc: boolean;
}

export type FlowNode = Node<MapNodeData, "thematic">;

/** Horizontal gap between unplaced nodes of one row, and the rows' heights. */
const COLUMN = 230;
const ROW_Y: Record<MapNodeKind, number> = { theme: 0, subtheme: 150, code: 300 };

const KIND_NAMES: Record<MapNodeKind, string> = {
  theme: "Theme",
  subtheme: "Subtheme",
  code: "Code",
};

/** How a node is named to assistive technology and in lists: "Theme: Working it out together". */
export function describeNode(node: Pick<MapNodeView, "kind" | "label" | "status">): string {
  const status = node.status && node.status !== "candidate" ? ` (${node.status})` : "";
  return `${KIND_NAMES[node.kind]}: ${node.label}${status}`;
}

export function toFlowNodes(map: ThematicMapView): FlowNode[] {
  const unplacedInRow: Record<MapNodeKind, number> = { theme: 0, subtheme: 0, code: 0 };
  return map.nodes.map((node) => {
    let position: { x: number; y: number };
    if (node.x !== null && node.y !== null) position = { x: node.x, y: node.y };
    else {
      const index = unplacedInRow[node.kind]++;
      position = { x: index * COLUMN, y: ROW_Y[node.kind] };
    }
    return {
      id: node.id,
      type: "thematic",
      position,
      ariaLabel: describeNode(node),
      // Themes and codes are removed in the editor, not on the canvas.
      deletable: false,
      className: `map-node map-node-${node.kind}${node.isMisc ? " map-node-misc" : ""}`,
      data: { label: node.label, kind: node.kind, status: node.status, isMisc: node.isMisc },
    };
  });
}

/** Which edges a person may delete: drawn links, and code links (deleting one detaches the code). */
export function isDeletable(edge: Pick<MapEdgeView, "kind">): boolean {
  return edge.kind !== "subtheme";
}

export function toFlowEdges(map: ThematicMapView): Edge[] {
  const labels = new Map(map.nodes.map((node) => [node.id, node.label]));
  return map.edges.map((edge) => ({
    id: edge.id,
    source: edge.from,
    target: edge.to,
    label: edge.label || undefined,
    deletable: isDeletable(edge),
    className: `map-edge map-edge-${edge.kind}`,
    ariaLabel: describeEdge(edge, labels),
  }));
}

export function describeEdge(
  edge: Pick<MapEdgeView, "kind" | "from" | "to" | "label">,
  labels: ReadonlyMap<string, string>,
): string {
  const from = labels.get(edge.from) ?? edge.from;
  const to = labels.get(edge.to) ?? edge.to;
  if (edge.kind === "subtheme") return `${to} is a subtheme of ${from}`;
  if (edge.kind === "code") return `${from} has the code ${to}`;
  return `${from} linked to ${to}${edge.label ? `: ${edge.label}` : ""}`;
}

/** What the server stores a node's place under: `theme:<id>` and `code:<id>` nodes. */
export function placementOf(nodeId: string): { kind: "theme" | "code"; refId: string } | null {
  const colon = nodeId.indexOf(":");
  const kind = nodeId.slice(0, colon);
  const refId = nodeId.slice(colon + 1);
  if ((kind !== "theme" && kind !== "code") || refId === "") return null;
  return { kind, refId };
}

/** A code edge's theme and code (`code:<themeId>:<codeId>`), for detaching the code. */
export function codeLinkOf(edge: MapEdgeView): { themeId: string; codeId: string } | null {
  if (edge.kind !== "code") return null;
  const theme = placementOf(edge.from);
  const code = placementOf(edge.to);
  if (theme?.kind !== "theme" || code?.kind !== "code") return null;
  return { themeId: theme.refId, codeId: code.refId };
}
