/**
 * The thematic map drawn with React Flow. Editable: drag a node (or focus it, select it with Enter
 * and move it with the arrow keys) and its place is saved when it comes to rest; drag from one
 * node's handle to another's to link them; select a link and press Delete to remove it. Read-only
 * for a snapshot. The lists and forms beside the canvas (`MapEditor`) offer the same by keyboard.
 */
import "@xyflow/react/dist/style.css";
import {
  applyNodeChanges,
  Background,
  type Connection,
  ConnectionMode,
  Controls,
  type Edge,
  Handle,
  type NodeChange,
  type NodeProps,
  Position,
  ReactFlow,
  useReactFlow,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ThematicMapView } from "../../../api/themes.js";
import { type FlowNode, toFlowEdges, toFlowNodes } from "./map-layout.js";

function ThematicNode({ data }: NodeProps<FlowNode>) {
  return (
    <div className="map-node-body">
      <Handle type="target" position={Position.Top} />
      <span className="map-node-kind">{data.kind}</span>
      <span className="map-node-label">{data.label}</span>
      {data.status && data.status !== "candidate" && (
        <span className="map-node-status">{data.status}</span>
      )}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

const NODE_TYPES = { thematic: ThematicNode };

/** Never closer than life size when fitting: a map of one theme should not fill the canvas. */
const FIT_OPTIONS = { padding: 0.2, maxZoom: 1 };

/** Fits the view again when nodes come or go (a new theme or code), not when one is moved. */
function FitOnNewNodes({ count }: { count: number }) {
  const flow = useReactFlow();
  const seen = useRef(count);
  useEffect(() => {
    if (seen.current === count) return;
    seen.current = count;
    const frame = requestAnimationFrame(() => void flow.fitView({ ...FIT_OPTIONS, duration: 200 }));
    return () => cancelAnimationFrame(frame);
  }, [count, flow]);
  return null;
}

/** How long a node must rest before its place is saved: arrow-key moves arrive one step at a time. */
const SAVE_DELAY_MS = 400;

export interface MapCanvasProps {
  map: ThematicMapView;
  /** Names the canvas for assistive technology. */
  label: string;
  readOnly?: boolean;
  onMove?: (nodeId: string, position: { x: number; y: number }) => void;
  onConnect?: (from: string, to: string) => void;
  onDeleteEdges?: (edgeIds: string[]) => void;
  onSelectNode?: (nodeId: string) => void;
}

export function MapCanvas({
  map,
  label,
  readOnly = false,
  onMove,
  onConnect,
  onDeleteEdges,
  onSelectNode,
}: MapCanvasProps) {
  const [nodes, setNodes] = useState<FlowNode[]>(() => toFlowNodes(map));
  const edges = useMemo<Edge[]>(() => toFlowEdges(map), [map]);
  const pending = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  // The server is the truth: a refreshed map replaces the local nodes (selection kept).
  useEffect(() => {
    setNodes((current) => {
      const selected = new Set(current.filter((node) => node.selected).map((node) => node.id));
      return toFlowNodes(map).map((node) => ({ ...node, selected: selected.has(node.id) }));
    });
  }, [map]);

  useEffect(() => {
    const timers = pending.current;
    return () => {
      for (const timer of timers.values()) clearTimeout(timer);
    };
  }, []);

  const handleNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      if (readOnly || !onMove) return;
      for (const change of changes) {
        if (change.type !== "position" || change.dragging || !change.position) continue;
        const { id } = change;
        const position = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
        clearTimeout(pending.current.get(id));
        pending.current.set(
          id,
          setTimeout(() => {
            pending.current.delete(id);
            onMove(id, position);
          }, SAVE_DELAY_MS),
        );
      }
    },
    [readOnly, onMove],
  );

  const handleConnect = useCallback(
    (connection: Connection) => {
      if (connection.source && connection.target && connection.source !== connection.target)
        onConnect?.(connection.source, connection.target);
    },
    [onConnect],
  );

  return (
    <section className="map-canvas" aria-label={label}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={handleNodesChange}
        onConnect={readOnly ? undefined : handleConnect}
        onEdgesDelete={
          readOnly ? undefined : (deleted) => onDeleteEdges?.(deleted.map((edge) => edge.id))
        }
        onNodeClick={(_, node) => onSelectNode?.(node.id)}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesFocusable={!readOnly}
        deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
        connectionMode={ConnectionMode.Loose}
        fitView
        fitViewOptions={FIT_OPTIONS}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        <FitOnNewNodes count={nodes.length} />
      </ReactFlow>
    </section>
  );
}
