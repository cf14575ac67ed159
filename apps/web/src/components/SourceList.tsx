/**
 * The sources of the project: filter by words in the title or case, by kind, sort by any column, and
 * open one. Virtualised and paged, so 100,000 sources scroll as smoothly as ten: only the rows on
 * screen exist in the DOM and pages are fetched as the list nears them.
 */

import { SOURCE_KINDS } from "@quire/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useAttributes, useSourcePages } from "../api/queries.js";
import type { SourceQuery, SourceRow, SourceSort } from "../api/types.js";
import { useDebounced } from "../hooks/useDebounced.js";
import { openSource, setUi, useUi } from "../state/ui-store.js";
import { AttributeFilter } from "./AttributeFilter.js";

const ROW_HEIGHT = 52;

export function SourceList() {
  const projectKey = useUi((ui) => ui.projectKey);
  const sourceId = useUi((ui) => ui.sourceId);
  const [text, setText] = useState("");
  const [kind, setKind] = useState<SourceQuery["kind"]>("");
  const [sort, setSort] = useState<SourceSort>("position");
  const [dropping, setDropping] = useState(false);
  const [attribute, setAttribute] = useState("");
  const [value, setValue] = useState("");
  const attributes = useAttributes(projectKey);
  const q = useDebounced(text);
  const settledValue = useDebounced(value);
  const where = attribute && settledValue ? `${attribute}:${settledValue}` : undefined;
  const query = useMemo<SourceQuery>(
    () => ({ q, kind, where, sort, order: sort === "codings" ? "desc" : "asc" }),
    [q, kind, where, sort],
  );
  const pages = useSourcePages(projectKey, query);
  const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.sources) ?? [], [pages.data]);
  const total = pages.data?.pages[0]?.total ?? 0;
  const scroller = useRef<HTMLDivElement>(null);
  const listId = useId();
  const virtual = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // Used until the list has been measured (and by tests, where nothing is laid out).
    initialRect: { width: 280, height: 600 },
    overscan: 12,
  });
  const items = virtual.getVirtualItems();
  const last = items[items.length - 1];

  useEffect(() => {
    if (last && last.index >= rows.length - 20 && pages.hasNextPage && !pages.isFetchingNextPage)
      void pages.fetchNextPage();
  }, [last, rows.length, pages]);

  const focusRow = (index: number) => {
    const bounded = Math.max(0, Math.min(total - 1, index));
    virtual.scrollToIndex(bounded);
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`[data-row="${bounded}"]`)?.focus(),
    );
  };

  return (
    <section className="source-list" aria-labelledby={`${listId}-h`}>
      <header className="pane-header">
        <h2 id={`${listId}-h`}>
          Sources <span className="count">{total.toLocaleString()}</span>
        </h2>
        <button type="button" className="ghost small" onClick={() => setUi({ importOpen: true })}>
          Import…
        </button>
      </header>
      <div className="filters">
        <input
          type="search"
          aria-label="Filter sources by title or case"
          placeholder="Filter sources…"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="filter-row">
          <select
            aria-label="Kind of source"
            value={kind}
            onChange={(event) => setKind(event.target.value as SourceQuery["kind"])}
          >
            <option value="">All kinds</option>
            {SOURCE_KINDS.map((value) => (
              <option key={value} value={value}>
                {value.replace("_", " ")}
              </option>
            ))}
          </select>
          <select
            aria-label="Sort sources by"
            value={sort}
            onChange={(event) => setSort(event.target.value as SourceSort)}
          >
            <option value="position">Import order</option>
            <option value="title">Title</option>
            <option value="kind">Kind</option>
            <option value="codings">Most coded</option>
          </select>
        </div>
        {(attributes.data?.length ?? 0) > 0 && (
          <div className="filter-row">
            <AttributeFilter
              attributes={attributes.data ?? []}
              attribute={attribute}
              value={value}
              label="Filter by case attribute"
              anyLabel="Any case attribute"
              onChange={(nextAttribute, nextValue) => {
                setAttribute(nextAttribute);
                setValue(nextValue);
              }}
            />
          </div>
        )}
      </div>
      {/* Files dropped on the list are imported (the Import dialog is the keyboard path). */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target, not a control */}
      <div
        ref={scroller}
        className={dropping ? "source-scroller dropping" : "source-scroller"}
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes("Files")) return;
          event.preventDefault();
          setDropping(true);
        }}
        onDragLeave={() => setDropping(false)}
        onDrop={(event) => {
          if (event.dataTransfer.files.length === 0) return;
          event.preventDefault();
          setDropping(false);
          setUi({ importOpen: true, droppedFiles: [...event.dataTransfer.files] });
        }}
      >
        {/* Arrow keys move between rows, as in a list box; Tab leaves the list. */}
        <ul
          aria-label="Sources"
          className="source-rows"
          style={{ height: virtual.getTotalSize() }}
          onKeyDown={(event) => {
            const index = Number((event.target as HTMLElement).dataset.row);
            if (Number.isNaN(index)) return;
            if (event.key === "ArrowDown") {
              event.preventDefault();
              focusRow(index + 1);
            } else if (event.key === "ArrowUp") {
              event.preventDefault();
              focusRow(index - 1);
            } else if (event.key === "Home") {
              event.preventDefault();
              focusRow(0);
            } else if (event.key === "End") {
              event.preventDefault();
              focusRow(total - 1);
            }
          }}
        >
          {items.map((item) => {
            const row = rows[item.index];
            return (
              <li
                key={item.key}
                className="source-row-wrap"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                {row ? (
                  <SourceRowButton row={row} index={item.index} current={row.id === sourceId} />
                ) : (
                  <div className="source-row placeholder" aria-hidden="true" />
                )}
              </li>
            );
          })}
        </ul>
        {pages.isSuccess && total === 0 && (
          <p className="empty-note">
            {q || kind
              ? "No source matches the filter."
              : "No sources yet. Drop files here or use Import."}
          </p>
        )}
        {pages.isError && (
          <p className="empty-note" role="alert">
            The sources could not be listed: {pages.error.message}
          </p>
        )}
      </div>
    </section>
  );
}

function SourceRowButton({
  row,
  index,
  current,
}: {
  row: SourceRow;
  index: number;
  current: boolean;
}) {
  return (
    <button
      type="button"
      data-row={index}
      className={current ? "source-row current" : "source-row"}
      aria-current={current ? "page" : undefined}
      title={
        Object.entries(row.caseAttributes ?? {})
          .map(([name, value]) => `${name}: ${String(value)}`)
          .join("\n") || undefined
      }
      onClick={() => openSource(row.id)}
    >
      <span className="source-title">{row.title}</span>
      <span className="source-meta">
        {[
          row.caseName !== row.title ? row.caseName : null,
          // The first attributes give a row its context (arm, gender…); the tooltip has them all.
          ...Object.values(row.caseAttributes ?? {})
            .slice(0, 2)
            .map(String),
          row.kind.replace("_", " "),
        ]
          .filter(Boolean)
          .join(" · ")}
        {row.codingCount > 0 && (
          <span className="source-codings" title={`${row.codingCount} codings`}>
            {row.codingCount}
          </span>
        )}
      </span>
    </button>
  );
}
