/**
 * What every route shares: the app's environment (workspace, event hub, the coder acting), the
 * router factory whose validation failures become `invalid_input` errors, and the helper that
 * finds the project a URL names.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { invalidInput } from "./errors.js";
import type { EventHub } from "./events.js";
import type { OpenProject, Workspace } from "./workspace.js";

export interface AppEnv {
  Variables: {
    workspace: Workspace;
    hub: EventHub;
    /** Who is acting: the `X-Quire-Coder` header, or "me". */
    coder: string;
  };
}

/** A router for one resource; requests that fail their schema are answered 400 `invalid_input`. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const message = result.error.issues
          .map((issue) => {
            const path = issue.path.join(".");
            return path === "" ? issue.message : `${path}: ${issue.message}`;
          })
          .join("; ");
        throw invalidInput(`${result.target}: ${message}`);
      }
    },
  });
}

/**
 * The project named by the `key` path parameter.
 * @throws HttpError `project_not_found`
 */
export function useProject(c: Context<AppEnv>): Promise<OpenProject> {
  return c.var.workspace.open(c.req.param("key") ?? "");
}

/** Who is acting on this request. */
export function actor(c: Context<AppEnv>): string {
  return c.var.coder;
}
