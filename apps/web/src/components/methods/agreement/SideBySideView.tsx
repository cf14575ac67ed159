/**
 * Where coders differ on one code, side by side: the passage around each disagreement with one lane
 * per coder (their codings of the code marked, the stretch in question outlined), next and previous
 * disagreement across the sources compared, "Open in source", and a resolution — the acting coder
 * adopts the coding, or the coding is dropped from the stretch — recorded as a decision memo on the
 * code. Changes go through the codings and memos API, so they are logged and undoable.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import {
  type Disagreement,
  type DisagreementQuery,
  useDifferingSources,
  useDisagreements,
} from "../../../api/agreement.js";
import { createCoding, createMemo, deleteCoding, updateCoding } from "../../../api/client.js";
import { keys, useSource } from "../../../api/queries.js";
import { openSource, toast, useUi } from "../../../state/ui-store.js";
import { CONTEXT, lanePieces, laneWindow } from "./lanes.js";
import { type CodingOperation, type Plan, planAdopt, planDrop } from "./resolve.js";

interface Props {
  projectKey: string;
  codeId: string;
  codeName: string;
  color: string;
  coders: string[];
  /** The sources compared, in order; the view steps through those where the coders differ. */
  sourceIds: string[];
  sourceNames: Map<string, string>;
  onClose: () => void;
}

interface Place {
  sourceId: string;
  index: number;
}

export function SideBySideView(props: Props) {
  const { projectKey, codeId, coders, sourceIds } = props;
  const client = useQueryClient();
  const me = useUi((ui) => ui.coder);
  const [place, setPlace] = useState<Place | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from a code's row: bring the view to the reader and the keyboard.
  useEffect(() => {
    heading.current?.scrollIntoView?.({ block: "start" });
    heading.current?.focus();
  }, []);

  const query = (sourceId: string): DisagreementQuery => ({ sourceId, codeId, coders });
  // Every source where the coders differ, found by the server in one request.
  const differing = useDifferingSources(projectKey, { codeId, coders, sourceIds });
  const searching = place === null && differing.isFetching;

  // A new code or set of coders: start again at the first disagreement.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the place resets when what is compared changes
  useEffect(() => {
    setPlace(null);
    setError(null);
  }, [codeId, coders.join("\u0000"), sourceIds.join("\u0000")]);
  useEffect(() => {
    if (place !== null || !differing.data) return;
    const first = differing.data[0];
    setPlace({ sourceId: first?.sourceId ?? sourceIds[0] ?? "", index: 0 });
  }, [place, differing.data, sourceIds]);

  const side = useDisagreements(projectKey, place ? query(place.sourceId) : null);
  const source = useSource(projectKey, place?.sourceId ?? null);
  const list = side.data?.disagreements ?? [];
  const index = Math.min(place?.index ?? 0, Math.max(0, list.length - 1));
  const current: Disagreement | undefined = list[index];
  const position = place ? sourceIds.indexOf(place.sourceId) : -1;

  /** The next source after this one (or before it, going back) where the coders differ. */
  const neighbour = (step: 1 | -1): Place | null => {
    const sources = differing.data ?? [];
    const ordered = step === 1 ? sources : [...sources].reverse();
    const found = ordered.find((entry) => {
      const at = sourceIds.indexOf(entry.sourceId);
      return step === 1 ? at > position : at < position;
    });
    if (!found) return null;
    return { sourceId: found.sourceId, index: step === 1 ? 0 : found.disagreements - 1 };
  };

  const go = (step: 1 | -1) => {
    if (!place) return;
    const next = index + step;
    if (next >= 0 && next < list.length) return setPlace({ ...place, index: next });
    const found = neighbour(step);
    if (found) setPlace(found);
    else toast(step === 1 ? "No more disagreements after this one." : "This is the first one.");
  };
  const sourcesDiffering = differing.data?.length ?? 0;
  const sourceRank = (differing.data ?? []).findIndex(
    (entry) => entry.sourceId === place?.sourceId,
  );

  const codings = (source.data?.codings ?? []).map((k) => ({
    id: k.id,
    codeId: k.codeId,
    coder: k.coder,
    start: k.start,
    end: k.end,
  }));
  const adopt: Plan | null = current ? planAdopt(current, me) : null;
  const drop: Plan | null = current ? planDrop(current, codeId, codings, me) : null;

  const resolve = async (plan: Plan, description: string) => {
    if (!plan.ok || !current || !place) return;
    setBusy(true);
    setError(null);
    try {
      for (const operation of plan.operations)
        await apply(projectKey, place.sourceId, codeId, operation);
      const title = `Agreement on ${props.codeName}: ${props.sourceNames.get(place.sourceId) ?? "source"} ${current.start}–${current.end}`;
      const body = [
        `${description}.`,
        `Coded by ${current.codedBy.join(", ")}; not by ${current.notCodedBy.join(", ")}.`,
        `“${current.text.trim()}”`,
        note.trim(),
      ]
        .filter(Boolean)
        .join("\n\n");
      await createMemo(projectKey, {
        kind: "decision",
        title,
        body,
        targetType: "code",
        targetId: codeId,
      });
      setNote("");
      toast(`${description}; the discussion is kept as a memo on ${props.codeName}.`);
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setBusy(false);
      await client.invalidateQueries({ queryKey: keys.project(projectKey) });
    }
  };

  const text = source.data?.revision.text ?? "";
  const window = current ? laneWindow(text, current.start, current.end) : null;
  const others = current?.codedBy.join(" and ") ?? "";
  const sourceTitle = place
    ? (props.sourceNames.get(place.sourceId) ?? side.data?.title ?? "")
    : "";

  return (
    <section className="agreement-card side-by-side" aria-labelledby={`${id}-h`}>
      <div className="agreement-card-head">
        <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
          <span
            className="agreement-swatch"
            style={{ background: props.color }}
            aria-hidden="true"
          />
          Side by side: {props.codeName}
        </h2>
        <button type="button" className="ghost small" onClick={props.onClose}>
          Close side by side
        </button>
      </div>
      <div className="side-nav">
        <button
          type="button"
          className="small"
          disabled={!current || searching}
          onClick={() => go(-1)}
        >
          ← Previous disagreement
        </button>
        <p className="side-position" aria-live="polite">
          {searching
            ? "Looking for disagreements…"
            : !place
              ? ""
              : current
                ? `Disagreement ${index + 1} of ${list.length} in ${sourceTitle}${
                    sourceRank >= 0 && sourcesDiffering > 1
                      ? ` (source ${sourceRank + 1} of ${sourcesDiffering} where they differ)`
                      : ""
                  }`
                : side.isSuccess
                  ? `${coders.join(" and ")} agree on ${props.codeName} everywhere compared.`
                  : ""}
        </p>
        <button
          type="button"
          className="small"
          disabled={!current || searching}
          onClick={() => go(1)}
        >
          Next disagreement →
        </button>
        {current && place && (
          <button
            type="button"
            className="small"
            onClick={() => openSource(place.sourceId, { start: current.start, end: current.end })}
          >
            Open in source
          </button>
        )}
      </div>
      {(side.isError || differing.isError || error) && (
        <p role="alert">{side.error?.message ?? differing.error?.message ?? error}</p>
      )}

      {current && window && (
        <>
          <p className="muted">
            {current.codedBy.join(" and ")} coded “{clip(current.text)}” with {props.codeName};{" "}
            {current.notCodedBy.join(" and ")} did not. The stretch is outlined; up to {CONTEXT}{" "}
            characters of context either side.
          </p>
          <div
            className="lanes"
            style={{ gridTemplateColumns: `repeat(${coders.length}, minmax(0, 1fr))` }}
          >
            {(side.data?.ranges ?? []).map((lane) => {
              const codedHere = current.codedBy.includes(lane.coder);
              return (
                <section
                  key={lane.coder}
                  className="lane"
                  aria-label={`${lane.coder}${lane.coder === me ? " (you)" : ""}: ${codedHere ? "coded" : "did not code"} this stretch`}
                >
                  <h3 className="lane-head">
                    {lane.coder}
                    {lane.coder === me && <span className="muted"> (you)</span>}
                    <span className={`lane-verdict ${codedHere ? "coded" : "uncoded"}`}>
                      {codedHere ? "coded" : "not coded"}
                    </span>
                  </h3>
                  <p className="lane-text" style={{ ["--code-color" as string]: props.color }}>
                    {window.start > 0 && "…"}
                    {lanePieces(window.start, window.end, lane.ranges, current).map((piece) => {
                      const words = text.slice(piece.start, piece.end);
                      const className = `${piece.current ? "lane-current" : ""}`;
                      return piece.coded ? (
                        <mark key={piece.start} className={className}>
                          {words}
                        </mark>
                      ) : (
                        <span key={piece.start} className={className || undefined}>
                          {words}
                        </span>
                      );
                    })}
                    {window.end < text.length && "…"}
                  </p>
                </section>
              );
            })}
          </div>

          <fieldset className="resolve">
            <legend>Resolve, coding as {me}</legend>
            <label className="inline-field resolve-note">
              Discussion note (kept as a decision memo on the code)
              <textarea
                rows={2}
                value={note}
                onChange={(event) => setNote(event.target.value)}
                placeholder="What you agreed, and why"
              />
            </label>
            <div className="resolve-actions">
              <ResolveButton
                plan={adopt}
                busy={busy}
                label={`Keep ${others}'s coding: code it as ${me} too`}
                onClick={() => adopt && void resolve(adopt, `${me} adopted ${others}'s coding`)}
              />
              <ResolveButton
                plan={drop}
                busy={busy}
                label={`Keep ${current.notCodedBy.join(" and ")}'s reading: remove ${others}'s coding here`}
                onClick={() =>
                  drop &&
                  void resolve(
                    drop,
                    `Removed ${others}'s coding here, as ${current.notCodedBy.join(" and ")} read it`,
                  )
                }
              />
            </div>
          </fieldset>
        </>
      )}
    </section>
  );
}

function ResolveButton({
  plan,
  busy,
  label,
  onClick,
}: {
  plan: Plan | null;
  busy: boolean;
  label: string;
  onClick: () => void;
}) {
  const reasonId = useId();
  if (!plan) return null;
  return (
    <span className="resolve-option">
      <button
        type="button"
        disabled={busy || !plan.ok}
        aria-describedby={plan.ok ? undefined : reasonId}
        onClick={onClick}
      >
        {label}
      </button>
      {!plan.ok && (
        <span id={reasonId} className="muted">
          {plan.reason}
        </span>
      )}
    </span>
  );
}

async function apply(
  projectKey: string,
  sourceId: string,
  codeId: string,
  operation: CodingOperation,
): Promise<void> {
  if (operation.op === "create")
    await createCoding(projectKey, {
      sourceId,
      codeId,
      start: operation.start,
      end: operation.end,
    });
  else if (operation.op === "resize")
    await updateCoding(projectKey, operation.id, { start: operation.start, end: operation.end });
  else await deleteCoding(projectKey, operation.id);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
}
