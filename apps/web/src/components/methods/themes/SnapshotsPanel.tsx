/**
 * Snapshots of the thematic map (RTA-2): save a named, dated copy at the end of a phase, look at an
 * earlier one read-only, and restore one after saying so twice (themes made since are discarded,
 * not deleted).
 */
import { useState } from "react";
import {
  createMapSnapshot,
  type MapSnapshotView,
  restoreMapSnapshot,
  useMapSnapshot,
  useMapSnapshots,
  useThemesMutation,
} from "../../../api/themes.js";
import { MapCanvas } from "./MapCanvas.js";

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function SnapshotsPanel({ projectKey }: { projectKey: string }) {
  const snapshots = useMapSnapshots(projectKey);
  const [name, setName] = useState("");
  const [viewing, setViewing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: "info" | "error" } | null>(null);
  const save = useThemesMutation(projectKey, (key, snapshotName: string) =>
    createMapSnapshot(key, { name: snapshotName }),
  );
  const restore = useThemesMutation(projectKey, restoreMapSnapshot);
  const list = snapshots.data ?? [];
  const shown = list.find((snapshot) => snapshot.id === viewing) ?? null;

  return (
    <section className="snapshots" aria-labelledby="snapshots-heading">
      <h3 id="snapshots-heading">Snapshots of the map</h3>
      <form
        className="snapshot-form"
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = name.trim();
          if (!trimmed) return;
          save.mutate(trimmed, {
            onSuccess: (made) => {
              setName("");
              setMessage({ text: `Saved snapshot “${made.name}”.`, tone: "info" });
            },
            onError: (error) => setMessage({ text: error.message, tone: "error" }),
          });
        }}
      >
        <label>
          Snapshot name
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. end of phase 3"
          />
        </label>
        <button type="submit" disabled={save.isPending || name.trim() === ""}>
          Save snapshot
        </button>
      </form>
      {message && (
        <p role={message.tone === "error" ? "alert" : "status"} className="snapshot-message">
          {message.text}
        </p>
      )}
      {snapshots.isError && <p role="alert">{snapshots.error.message}</p>}
      {list.length === 0 ? (
        <p className="muted">No snapshots yet.</p>
      ) : (
        <ul className="snapshot-list">
          {[...list].reverse().map((snapshot) => (
            <li key={snapshot.id}>
              <span className="snapshot-name">{snapshot.name}</span>{" "}
              <span className="muted">
                {when(snapshot.createdAt)}
                {snapshot.phase ? `, phase ${snapshot.phase}` : ""}, by {snapshot.createdBy}
              </span>
              <span className="snapshot-actions">
                <button
                  type="button"
                  className="ghost small"
                  aria-pressed={viewing === snapshot.id}
                  aria-label={`View snapshot ${snapshot.name}`}
                  onClick={() => setViewing(viewing === snapshot.id ? null : snapshot.id)}
                >
                  View
                </button>
                {confirming === snapshot.id ? (
                  <>
                    <button
                      type="button"
                      className="small danger"
                      onClick={() =>
                        restore.mutate(snapshot.id, {
                          onSuccess: () => {
                            setConfirming(null);
                            setMessage({
                              text: `Restored the map from “${snapshot.name}”.`,
                              tone: "info",
                            });
                          },
                          onError: (error) => setMessage({ text: error.message, tone: "error" }),
                        })
                      }
                    >
                      Yes, restore “{snapshot.name}”
                    </button>
                    <button
                      type="button"
                      className="ghost small"
                      onClick={() => setConfirming(null)}
                    >
                      Keep the current map
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    className="ghost small"
                    aria-label={`Restore snapshot ${snapshot.name}`}
                    onClick={() => setConfirming(snapshot.id)}
                  >
                    Restore…
                  </button>
                )}
              </span>
              {confirming === snapshot.id && (
                <p className="muted snapshot-warning">
                  Restoring brings back its themes, codes, places and links; themes made since are
                  marked discarded.
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {shown && (
        <SnapshotView projectKey={projectKey} snapshot={shown} onClose={() => setViewing(null)} />
      )}
    </section>
  );
}

function SnapshotView({
  projectKey,
  snapshot,
  onClose,
}: {
  projectKey: string;
  snapshot: MapSnapshotView;
  onClose: () => void;
}) {
  const detail = useMapSnapshot(projectKey, snapshot.id);
  return (
    <div className="snapshot-view">
      <div className="snapshot-view-header">
        <h4>
          Snapshot “{snapshot.name}” <span className="muted">(read-only)</span>
        </h4>
        <button type="button" className="ghost small" onClick={onClose}>
          Close snapshot
        </button>
      </div>
      {detail.isError && <p role="alert">{detail.error.message}</p>}
      {detail.data && (
        <MapCanvas map={detail.data.graph} label={`Snapshot ${snapshot.name}`} readOnly />
      )}
    </div>
  );
}
