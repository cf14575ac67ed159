/** `quire undo`, `quire redo` and `quire log`: the project's history from its audit log. */
import { listEvents, redo, undo } from "@quire/db";
import { type GlobalOptions, withSession } from "../context.js";
import { type Output, table } from "../output.js";
import { count } from "./segments.js";

export async function undoCommand(
  location: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project, actor }) => {
    const event = await undo(store, project.id, actor);
    out.result(event, (e) => out.line(`undid: ${e.summary}`));
  });
}

export async function redoCommand(
  location: string,
  options: GlobalOptions,
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project, actor }) => {
    const event = await redo(store, project.id, actor);
    out.result(event, (e) => out.line(`redid: ${e.summary}`));
  });
}

export async function logCommand(
  location: string,
  options: GlobalOptions & { limit?: string },
  out: Output,
): Promise<void> {
  await withSession(location, options, async ({ store, project }) => {
    const events = await listEvents(store, project.id, {
      limit: count(options.limit, "--limit", 30),
    });
    out.result(events, () =>
      out.line(
        table(
          ["#", "when", "who", "what"],
          events.map((e) => [
            e.seq,
            e.at.replace("T", " ").slice(0, 19),
            e.actor,
            `${e.summary}${e.reverted ? " (undone)" : ""}`,
          ]),
          100,
        ),
      ),
    );
  });
}
