/**
 * The thematic map editor: the canvas, the keyboard path for everything a drag does ("Link A to B"
 * with a label; the list of links, each removable), and the map's snapshots. Moving a node saves
 * its place; a code link removed from the map detaches the code from its theme.
 */
import { useState } from "react";
import {
  addMapEdge,
  type MapEdgeView,
  placeMapNode,
  removeMapEdge,
  type ThematicMapView,
  unlinkThemeCode,
  useThematicMap,
  useThemesMutation,
} from "../../../api/themes.js";
import { MapCanvas } from "./MapCanvas.js";
import { codeLinkOf, describeEdge, describeNode, isDeletable, placementOf } from "./map-layout.js";
import { SnapshotsPanel } from "./SnapshotsPanel.js";

export function MapEditor({
  projectKey,
  onSelectNode,
}: {
  projectKey: string;
  onSelectNode: (nodeId: string) => void;
}) {
  const map = useThematicMap(projectKey);
  const [error, setError] = useState<string | null>(null);
  const fail = (caught: Error) => setError(caught.message);
  const place = useThemesMutation(
    projectKey,
    (key, vars: { nodeId: string; x: number; y: number }) => {
      const at = placementOf(vars.nodeId);
      if (!at) throw new Error(`"${vars.nodeId}" is not a node that can be placed`);
      return placeMapNode(key, { ...at, x: vars.x, y: vars.y });
    },
  );
  const link = useThemesMutation(projectKey, addMapEdge);
  const unedge = useThemesMutation(projectKey, async (key, edge: MapEdgeView) => {
    const codeLink = codeLinkOf(edge);
    if (codeLink) await unlinkThemeCode(key, codeLink.themeId, codeLink.codeId);
    else await removeMapEdge(key, edge.id);
  });

  const removeEdges = (ids: string[]) => {
    setError(null);
    for (const edge of map.data?.edges ?? [])
      if (ids.includes(edge.id) && isDeletable(edge)) unedge.mutate(edge, { onError: fail });
  };

  return (
    <div className="map-editor">
      {map.isError && <p role="alert">{map.error.message}</p>}
      {error && (
        <p role="alert" className="themes-error">
          {error}
        </p>
      )}
      {map.data && map.data.nodes.length === 0 && (
        <p className="muted">
          The map shows themes, subthemes and their codes. Create a theme to begin.
        </p>
      )}
      {map.data && (
        <>
          <MapCanvas
            map={map.data}
            label="Thematic map"
            onMove={(nodeId, position) => {
              setError(null);
              place.mutate({ nodeId, ...position }, { onError: fail });
            }}
            onConnect={(from, to) => {
              setError(null);
              link.mutate({ from, to, label: "" }, { onError: fail });
            }}
            onDeleteEdges={removeEdges}
            onSelectNode={onSelectNode}
          />
          <div className="map-keyboard">
            <LinkForm
              map={map.data}
              busy={link.isPending}
              onLink={(edge, done) => {
                setError(null);
                link.mutate(edge, { onError: fail, onSuccess: done });
              }}
            />
            <LinkList map={map.data} onRemove={(edge) => removeEdges([edge.id])} />
          </div>
        </>
      )}
      <SnapshotsPanel projectKey={projectKey} />
    </div>
  );
}

/** "Link A to B" with a label: the keyboard way to draw an edge. */
function LinkForm({
  map,
  busy,
  onLink,
}: {
  map: ThematicMapView;
  busy: boolean;
  onLink: (edge: { from: string; to: string; label: string }, done: () => void) => void;
}) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [label, setLabel] = useState("");
  const options = map.nodes.map((node) => (
    <option key={node.id} value={node.id}>
      {describeNode(node)}
    </option>
  ));
  return (
    <form
      className="link-form"
      aria-label="Link two nodes"
      onSubmit={(event) => {
        event.preventDefault();
        if (!from || !to || from === to) return;
        onLink({ from, to, label: label.trim() }, () => setLabel(""));
      }}
    >
      <h3>Link two nodes</h3>
      <label>
        Link
        <select value={from} onChange={(event) => setFrom(event.target.value)} required>
          <option value="">Choose a node…</option>
          {options}
        </select>
      </label>
      <label>
        to
        <select value={to} onChange={(event) => setTo(event.target.value)} required>
          <option value="">Choose a node…</option>
          {options}
        </select>
      </label>
      <label>
        Label
        <input
          value={label}
          onChange={(event) => setLabel(event.target.value)}
          placeholder="e.g. feeds, tension with"
        />
      </label>
      <button type="submit" disabled={busy || !from || !to || from === to}>
        Add link
      </button>
    </form>
  );
}

/** Every edge of the map in words, with a button to remove those that can go. */
function LinkList({
  map,
  onRemove,
}: {
  map: ThematicMapView;
  onRemove: (edge: MapEdgeView) => void;
}) {
  const labels = new Map(map.nodes.map((node) => [node.id, node.label]));
  return (
    <section className="link-list" aria-label="Links on the map">
      <h3>Links on the map</h3>
      {map.edges.length === 0 ? (
        <p className="muted">No links yet.</p>
      ) : (
        <ul>
          {map.edges.map((edge) => {
            const text = describeEdge(edge, labels);
            return (
              <li key={edge.id} className={`link-item link-${edge.kind}`}>
                <span>{text}</span>
                {isDeletable(edge) && (
                  <button
                    type="button"
                    className="ghost small"
                    aria-label={`Remove link: ${text}`}
                    onClick={() => onRemove(edge)}
                  >
                    {edge.kind === "code" ? "Detach" : "Remove"}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
