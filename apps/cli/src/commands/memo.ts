/**
 * `quire memo`: write, list and delete memos on the project, a source, a case, a code or a
 * coding. A deletion is undoable like every change (`quire undo`).
 */
import { MEMO_TARGETS, type MemoTarget, QuireError } from "@quire/core";
import {
  addMemo,
  deleteMemo,
  findCase,
  findCode,
  findSource,
  findTheme,
  listMemos,
  mutate,
} from "@quire/db";
import { type GlobalOptions, type Session, withSession } from "../context.js";
import { type Output, table } from "../output.js";

export interface MemoOptions extends GlobalOptions {
  kind?: string;
  title?: string;
  on?: string;
}

export async function memoAddCommand(
  location: string,
  body: string,
  options: MemoOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const target = await resolveTarget(session, options.on);
    const memo = await mutate(
      session.store,
      { projectId: session.project.id, actor: session.actor, action: "memo.create" },
      async (m) => {
        const made = await addMemo(m, {
          kind: options.kind ?? "analytic",
          title: options.title ?? "",
          body,
          ...target,
        });
        m.summary = `wrote ${made.kind} memo${made.title ? ` "${made.title}"` : ""}`;
        return made;
      },
    );
    out.result(memo, (m) =>
      out.line(`wrote ${m.kind} memo on ${m.targetType}${options.on ? ` ${options.on}` : ""}`),
    );
  });
}

export async function memoListCommand(
  location: string,
  options: MemoOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const target = options.on ? await resolveTarget(session, options.on) : {};
    const memos = await listMemos(session.store, session.project.id, {
      ...target,
      ...(options.kind ? { kind: options.kind as never } : {}),
    });
    out.result(memos, () =>
      out.line(
        table(
          ["id", "kind", "on", "title", "memo", "author", "version"],
          memos.map((m) => [m.id, m.kind, m.targetType, m.title, m.body, m.author, m.version]),
        ),
      ),
    );
  });
}

export async function memoDeleteCommand(
  location: string,
  id: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async (session) => {
    const memo = await mutate(
      session.store,
      { projectId: session.project.id, actor: session.actor, action: "memo.delete" },
      async (m) => {
        const deleted = await deleteMemo(m, id);
        m.summary = `deleted memo${deleted.title ? ` "${deleted.title}"` : ""}`;
        return deleted;
      },
    );
    out.result(memo, (m) =>
      out.line(
        `deleted ${m.kind} memo${m.title ? ` "${m.title}"` : ""} (quire undo brings it back)`,
      ),
    );
  });
}

/** Reads `--on code:NAME`, `source:TITLE`, `case:NAME`, `coding:ID`; no `--on` means the project. */
async function resolveTarget(
  session: Session,
  on: string | undefined,
): Promise<{ targetType: MemoTarget; targetId: string | null }> {
  if (!on) return { targetType: "project", targetId: null };
  const index = on.indexOf(":");
  const type = on.slice(0, index) as MemoTarget;
  const ref = on.slice(index + 1);
  if (index <= 0 || !MEMO_TARGETS.includes(type))
    throw new QuireError(
      "invalid_input",
      `--on is code:NAME, source:TITLE, case:NAME, theme:NAME or coding:ID, not "${on}"`,
    );
  const { store, project } = session;
  switch (type) {
    case "code":
      return { targetType: type, targetId: (await findCode(store, project.id, ref)).id };
    case "source":
      return { targetType: type, targetId: (await findSource(store, project.id, ref)).id };
    case "case":
      return { targetType: type, targetId: (await findCase(store, project.id, ref)).id };
    case "theme":
      return { targetType: type, targetId: (await findTheme(store, project.id, ref)).id };
    default:
      return { targetType: type, targetId: ref };
  }
}
