/**
 * Export the project: pick a format from those the server offers (and, for a format about one
 * source, which source), then download it. The download is a plain link with `download` to the
 * export route, so the browser streams the file to disk and shows it in its own downloads list.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { exportUrl, listSources } from "../api/client.js";
import { keys, useExports, useSource } from "../api/queries.js";
import type { ExportFormat, SourceQuery } from "../api/types.js";
import { setUi, useUi } from "../state/ui-store.js";
import { Dialog } from "./Dialog.js";

// The registry names formats for the command line; people choose by what they get. A format the
// server adds later still appears, under its own name.
const TITLES: Record<string, string> = {
  csv: "Coded segments (CSV)",
  json: "Coded segments (JSON)",
  xlsx: "Coded segments (Excel)",
  "codebook-csv": "Codebook (CSV)",
  "codebook-xlsx": "Codebook (Excel)",
  "codebook-docx": "Codebook (Word)",
  "source-docx": "One source, coded (Word)",
  "source-html": "One source, coded (web page)",
  qdpx: "REFI-QDA project (.qdpx)",
  qdc: "REFI-QDA codebook (.qdc)",
  backup: "Backup of the whole project",
  "framework-xlsx": "Framework matrix (Excel)",
  "stc-results": "Systematic text condensation (Markdown)",
};

const titleOf = (format: ExportFormat) => TITLES[format.format] ?? format.format;
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// The picker lists sources by title; a project with more than this many is better served by
// opening the source first, which makes it the default.
const SOURCE_QUERY: SourceQuery = { sort: "title", order: "asc", limit: 500 };

export function ExportDialog() {
  const open = useUi((ui) => ui.exportOpen);
  const projectKey = useUi((ui) => ui.projectKey);
  const openSourceId = useUi((ui) => ui.sourceId);
  const formats = useExports(open ? projectKey : null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [sourceId, setSourceId] = useState<string>("");
  const groupRef = useRef<HTMLFieldSetElement>(null);
  const focused = useRef(false);
  const radioName = useId();
  const sourceSelectId = useId();

  const list = formats.data ?? [];
  const format =
    list.find((each) => each.format === chosen) ??
    list.find((each) => each.format === "csv") ??
    list[0];
  const needsSource = format?.needsSource ?? false;

  const sources = useQuery({
    queryKey: keys.sources(projectKey ?? "", SOURCE_QUERY),
    enabled: open && needsSource && projectKey !== null,
    queryFn: () => listSources(projectKey ?? "", SOURCE_QUERY),
  });
  const openSource = useSource(open ? projectKey : null, openSourceId);

  // Each opening starts from the open source, the likeliest one to want on paper.
  useEffect(() => {
    if (open) setSourceId(openSourceId ?? "");
    else focused.current = false;
  }, [open, openSourceId]);

  // The formats arrive after the dialog opened (focus is then on Close); once they are there,
  // focus goes to the chosen format, where the arrow keys move through the list.
  useEffect(() => {
    if (!open || focused.current || list.length === 0) return;
    focused.current = true;
    groupRef.current?.querySelector<HTMLInputElement>("input:checked")?.focus();
  }, [open, list.length]);

  const options = [...(sources.data?.sources ?? [])];
  const current = openSource.data?.source;
  if (current && !options.some((source) => source.id === current.id))
    options.unshift({ ...current, caseName: current.caseName ?? null, length: 0, codingCount: 0 });
  const pickedSource = sourceId || options[0]?.id || "";
  const ready = format !== undefined && projectKey !== null && (!needsSource || pickedSource);

  return (
    <Dialog
      title="Export"
      description="Download the project, its codebook or one source as a file."
      open={open}
      onClose={() => setUi({ exportOpen: false })}
      className="export-dialog"
    >
      {formats.isPending && (
        <p className="muted" role="status">
          Loading the formats…
        </p>
      )}
      {formats.isError && (
        <p className="export-error" role="alert">
          The formats could not be loaded: {formats.error.message}
        </p>
      )}
      {list.length > 0 && (
        <fieldset ref={groupRef} className="export-formats">
          <legend>Format</legend>
          {list.map((each) => {
            const titleId = `${radioName}-${each.format}-title`;
            const descriptionId = `${radioName}-${each.format}-description`;
            return (
              <label key={each.format} className="export-format">
                <input
                  type="radio"
                  name={radioName}
                  value={each.format}
                  checked={each.format === format?.format}
                  onChange={() => setChosen(each.format)}
                  // The whole row is the click target; the name is the title alone, and the
                  // description is read after it rather than as part of it.
                  aria-labelledby={titleId}
                  aria-describedby={descriptionId}
                />
                <span className="export-format-text">
                  <span className="export-format-title" id={titleId}>
                    {titleOf(each)}
                  </span>
                  <span className="muted small" id={descriptionId}>
                    {sentence(each.description)} · {each.extension}
                  </span>
                </span>
              </label>
            );
          })}
        </fieldset>
      )}
      {needsSource && (
        <div className="export-source">
          <label htmlFor={sourceSelectId}>Source to export</label>
          <select
            id={sourceSelectId}
            value={pickedSource}
            onChange={(event) => setSourceId(event.target.value)}
          >
            {options.length === 0 && <option value="">No sources yet</option>}
            {options.map((source) => (
              <option key={source.id} value={source.id}>
                {source.title}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="dialog-actions">
        {ready && format && projectKey ? (
          <a
            className="button-link primary"
            href={exportUrl(projectKey, format.format, {
              source: needsSource ? pickedSource : undefined,
            })}
            download={`${projectKey}${format.extension}`}
          >
            Download
          </a>
        ) : (
          // Without a format (or a source to export) there is nothing to download yet.
          <button type="button" className="primary" disabled>
            Download
          </button>
        )}
      </div>
    </Dialog>
  );
}
