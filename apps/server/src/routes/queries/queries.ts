/** Code queries, saved queries, the code × case matrix and word frequencies with keyword in context. */
import { createRouter } from "../../context.js";

export const queriesRoutes = createRouter();
