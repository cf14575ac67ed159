/** @quire/cli: the `quire` command. */
export { buildProgram, EXIT, main } from "./main.js";
