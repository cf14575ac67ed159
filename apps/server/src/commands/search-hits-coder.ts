/**
 * Coding search hits: every hit of a query, or the ones the researcher ticked, coded with one code
 * in a single mutation (one undo takes them all back).
 */
import type { Coding } from "@quire/core";
import { addCoding, codeSearchHits, mutate, type Store } from "@quire/db";

export interface SearchHitsCoderProps {
  store: Store;
  projectId: string;
  actor: string;
  q: string;
  codeId: string;
  /** The chosen hits; all hits of `q` when absent. */
  hits?: readonly { sourceId: string; start: number; end: number }[];
}

/**
 * Codes search hits with a code; hits already coded with it by the same coder are left as they are.
 * @throws QuireError `invalid_input` for a malformed query or a hit outside its text, `not_found`
 *   for an unknown code or source.
 */
export async function searchHitsCoder(props: SearchHitsCoderProps): Promise<Coding[]> {
  return mutate(
    props.store,
    { projectId: props.projectId, actor: props.actor, action: "search.code" },
    async (m) => {
      let codings: Coding[];
      if (props.hits === undefined) codings = await codeSearchHits(m, props.q, props.codeId);
      else {
        codings = [];
        for (const hit of props.hits)
          codings.push(await addCoding(m, { ...hit, codeId: props.codeId }));
      }
      m.summary = `coded ${codings.length} hit${codings.length === 1 ? "" : "s"} of "${props.q}"`;
      return codings;
    },
  );
}
