/**
 * Import files by dropping them or choosing them: uploads with progress, then a report per file,
 * with a plain sentence for any file that could not be read. Nothing is half-imported: the server
 * imports each file whole or not at all.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { importFiles } from "../api/client.js";
import { onImportProgress } from "../api/live.js";
import { keys } from "../api/queries.js";
import type { ImportFileReport } from "../api/types.js";
import { setUi, useUi } from "../state/ui-store.js";
import { Dialog } from "./Dialog.js";

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; fraction: number; detail: string }
  | { kind: "done"; files: ImportFileReport[] };

/** What the importers read; the picker offers these, and anything else dropped is reported clearly. */
export const ACCEPTED =
  ".txt,.text,.md,.markdown,.docx,.odt,.pdf,.vtt,.srt,.csv,.tsv,.xlsx,.html,.htm,.ris,.nbib,.qdpx,.qdc";

export function ImportDialog() {
  const open = useUi((ui) => ui.importOpen);
  const projectKey = useUi((ui) => ui.projectKey);
  const client = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();

  useEffect(() => {
    if (open) setPhase({ kind: "idle" });
  }, [open]);

  // The server reports how far it has read; shown beside the upload's own progress.
  useEffect(
    () =>
      onImportProgress((progress) =>
        setPhase((current) =>
          current.kind === "uploading"
            ? {
                ...current,
                detail: `${progress.file ? `${progress.file}: ` : ""}${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} read`,
              }
            : current,
        ),
      ),
    [],
  );

  // One request per file, so that one unreadable file is reported on its own and the rest still
  // import (the server imports the files of one request all or nothing).
  const start = async (files: File[]) => {
    if (!projectKey || files.length === 0) return;
    const reports: ImportFileReport[] = [];
    for (const [index, file] of files.entries()) {
      const share = (fraction: number) => (index + fraction) / files.length;
      setPhase({
        kind: "uploading",
        fraction: share(0),
        detail: `Reading ${file.name} (${index + 1} of ${files.length})…`,
      });
      try {
        const report = await importFiles(projectKey, [file], (fraction) =>
          setPhase({
            kind: "uploading",
            fraction: share(fraction * 0.9),
            detail: `Uploading ${file.name}…`,
          }),
        );
        reports.push(...(report.files.length > 0 ? report.files : [{ file: file.name, ok: true }]));
      } catch (error) {
        reports.push({
          file: file.name,
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    setPhase({ kind: "done", files: reports });
    await client.invalidateQueries({ queryKey: keys.project(projectKey) });
    await client.invalidateQueries({ queryKey: keys.projects });
  };

  // Files dropped on the source list arrive here.
  const dropped = useUi((ui) => ui.droppedFiles);
  // biome-ignore lint/correctness/useExhaustiveDependencies: start is made anew each render; the drop is what matters
  useEffect(() => {
    if (!open || !dropped) return;
    setUi({ droppedFiles: null });
    void start(dropped);
  }, [open, dropped]);

  return (
    <Dialog
      title="Import sources"
      open={open}
      onClose={() => setUi({ importOpen: false })}
      className="import-dialog"
    >
      {/* The drop zone is for the mouse; "Choose files…" inside it is the keyboard path. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target, not a control */}
      <div
        className={over ? "dropzone over" : "dropzone"}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          void start([...event.dataTransfer.files]);
        }}
      >
        <p>
          <strong>Drop transcripts here</strong>
        </p>
        <p className="muted" id={hintId}>
          Transcripts (.txt, .docx, .odt, .pdf, .vtt), survey responses (.csv, .xlsx), forum pages,
          references (.ris) and REFI-QDA projects
        </p>
        <button
          type="button"
          className="primary"
          onClick={() => input.current?.click()}
          aria-describedby={hintId}
        >
          Choose files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPTED}
          className="visually-hidden"
          aria-label="Files to import"
          tabIndex={-1}
          onChange={(event) => {
            void start([...(event.target.files ?? [])]);
            event.target.value = "";
          }}
        />
      </div>
      {phase.kind === "uploading" && (
        <div className="progress-block" role="status">
          <progress max={1} value={phase.fraction} aria-label="Import progress" />
          <span className="muted small">{phase.detail}</span>
        </div>
      )}

      {phase.kind === "done" && (
        <div role="status" aria-label="Import report">
          <ul className="import-report">
            {phase.files.map((file) => (
              <li key={file.file} className={file.ok ? "ok" : "bad"}>
                <span aria-hidden="true">{file.ok ? "✓" : "!"}</span>
                <strong>{file.file}</strong>
                <span>
                  {file.ok
                    ? file.sources !== undefined
                      ? ` imported (${file.sources} source${file.sources === 1 ? "" : "s"})`
                      : " imported"
                    : ` could not be read: ${file.error ?? "unknown reason"}`}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Dialog>
  );
}
