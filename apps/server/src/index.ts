/**
 * @quire/server: the HTTP API of the Quire workbench (Hono on Node), serving the web app too.
 * `startServer` runs it on a port; `createApp` builds the application over a workspace.
 */
export { type AppOptions, createApp } from "./app.js";
export { type ErrorBody, type ErrorId, HttpError } from "./errors.js";
export {
  type ChangeEvent,
  EventHub,
  type ImportProgressEvent,
  type ProjectEvent,
} from "./events.js";
export { type RunningServer, type StartOptions, startServer } from "./server.js";
export {
  defaultHome,
  type OpenProject,
  openWorkspace,
  type ProjectSummary,
  slugify,
  type Workspace,
  type WorkspaceOptions,
} from "./workspace.js";
