/**
 * The Framework Method's screen (Gale et al. 2013; METHODS §2): the versioned analytical framework
 * above, the charting matrix below with its progress, rows sorted and filtered by case attributes,
 * and beside it the editor of the open cell. The matrix is always charted against the framework's
 * current version, which the heading names.
 */
import "./framework.css";
import { useId, useRef, useState } from "react";
import {
  frameworkXlsxUrl,
  type MatrixOptions,
  useChartMatrix,
  useFramework,
  useIndexingProgress,
} from "../../../api/framework.js";
import { useAttributes } from "../../../api/queries.js";
import { useUi } from "../../../state/ui-store.js";
import { AttributeFilter } from "../../AttributeFilter.js";
import { CellEditor } from "./CellEditor.js";
import { ChartingMatrix, type OpenCell } from "./ChartingMatrix.js";
import { ChartingProgress } from "./ChartingProgress.js";
import { FrameworkEditor } from "./FrameworkEditor.js";

function MatrixToolbar({
  projectKey,
  options,
  onChange,
}: {
  projectKey: string;
  options: MatrixOptions;
  onChange(options: MatrixOptions): void;
}) {
  const attributes = useAttributes(projectKey).data ?? [];
  const sortId = useId();
  return (
    <fieldset className="fw-toolbar">
      <legend className="visually-hidden">Sort and filter the rows</legend>
      <label htmlFor={sortId}>Sort rows by</label>
      <select
        id={sortId}
        value={options.sort ?? ""}
        onChange={(event) =>
          onChange({ ...options, sort: event.target.value || undefined, direction: "asc" })
        }
      >
        <option value="">case name</option>
        {attributes.map((attribute) => (
          <option key={attribute.id} value={attribute.name}>
            {attribute.name}
          </option>
        ))}
      </select>
      {options.sort && (
        <select
          aria-label="Sort direction"
          value={options.direction ?? "asc"}
          onChange={(event) =>
            onChange({ ...options, direction: event.target.value as "asc" | "desc" })
          }
        >
          <option value="asc">ascending</option>
          <option value="desc">descending</option>
        </select>
      )}
      <span className="fw-toolbar-gap" aria-hidden="true" />
      <span aria-hidden="true">Filter rows by</span>
      <AttributeFilter
        attributes={attributes}
        attribute={options.where?.attribute ?? ""}
        value={options.where?.value ?? ""}
        label="Filter rows by attribute"
        anyLabel="All cases"
        onChange={(attribute, value) =>
          onChange({ ...options, where: attribute ? { attribute, value } : undefined })
        }
      />
    </fieldset>
  );
}

export function FrameworkView() {
  const projectKey = useUi((ui) => ui.projectKey);
  const framework = useFramework(projectKey);
  const [options, setOptions] = useState<MatrixOptions>({});
  const [open, setOpen] = useState<OpenCell | null>(null);
  const matrixRef = useRef<HTMLDivElement>(null);
  const current = framework.data ?? null;
  const hasFramework = current !== null && current.categories.length > 0;
  const matrix = useChartMatrix(projectKey, options, hasFramework);
  const progress = useIndexingProgress(projectKey, hasFramework);
  const headingId = useId();
  if (!projectKey) return null;

  const closeEditor = () => {
    // Focus returns to the cell the editor was opened from.
    matrixRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
    setOpen(null);
  };
  const shownAttributes = [
    ...new Set([options.sort, options.where?.attribute].filter((name): name is string => !!name)),
  ];

  return (
    <section className="method-view fw-view" aria-labelledby={headingId}>
      <header className="fw-head">
        <h1 id={headingId}>Framework Method</h1>
        <a
          className="button-link"
          href={frameworkXlsxUrl(projectKey)}
          download={`${projectKey}-framework.xlsx`}
        >
          Download XLSX
        </a>
      </header>
      {framework.isError && <p role="alert">{framework.error.message}</p>}
      {framework.isPending && <p className="muted">Loading the framework…</p>}
      {/* Mounted once loaded: whether it starts folded depends on what the framework holds. */}
      {framework.isSuccess && <FrameworkEditor projectKey={projectKey} framework={current} />}

      {hasFramework && current && (
        <section className="fw-charting" aria-label="Charting">
          <header className="fw-charting-head">
            <h2>Charting matrix</h2>
            <p className="muted" data-testid="charted-against">
              Charted against framework version {current.version}
            </p>
          </header>
          <MatrixToolbar projectKey={projectKey} options={options} onChange={setOptions} />
          {matrix.data && (
            <ChartingProgress
              counts={matrix.data.counts}
              framework={current}
              sources={progress.data ?? []}
            />
          )}
          {matrix.isError && <p role="alert">{matrix.error.message}</p>}
          <div className={`fw-workspace${open ? " with-editor" : ""}`}>
            <div ref={matrixRef} className="fw-matrix-area">
              {matrix.data &&
                (matrix.data.rows.length === 0 ? (
                  <p className="muted">No case matches the filter.</p>
                ) : (
                  <ChartingMatrix
                    matrix={matrix.data}
                    open={open}
                    shownAttributes={shownAttributes}
                    onOpen={setOpen}
                  />
                ))}
            </div>
            {open && matrix.data && (
              <CellEditor
                key={`${open.caseId}:${open.codeId}`}
                projectKey={projectKey}
                matrix={matrix.data}
                at={open}
                onClose={closeEditor}
              />
            )}
          </div>
        </section>
      )}
    </section>
  );
}
