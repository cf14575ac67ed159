/** The map's layout rules: stored places kept, tidy rows for the rest, node ids, deletable edges. */
import { describe, expect, it } from "vitest";
import type { ThematicMapView } from "../../../api/themes.js";
import {
  codeLinkOf,
  describeEdge,
  describeNode,
  isDeletable,
  placementOf,
  toFlowEdges,
  toFlowNodes,
} from "./map-layout.js";

const map: ThematicMapView = {
  nodes: [
    {
      id: "theme:a",
      kind: "theme",
      refId: "a",
      label: "Partners",
      status: "final",
      isMisc: false,
      x: 40,
      y: 50,
    },
    {
      id: "theme:b",
      kind: "theme",
      refId: "b",
      label: "Waiting",
      status: "candidate",
      isMisc: false,
      x: null,
      y: null,
    },
    {
      id: "theme:s",
      kind: "subtheme",
      refId: "s",
      label: "My bit",
      status: "candidate",
      isMisc: false,
      x: null,
      y: null,
    },
    {
      id: "code:c",
      kind: "code",
      refId: "c",
      label: "Shared responsibility",
      status: null,
      isMisc: false,
      x: null,
      y: null,
    },
    {
      id: "code:d",
      kind: "code",
      refId: "d",
      label: "Listened to",
      status: null,
      isMisc: false,
      x: null,
      y: null,
    },
  ],
  edges: [
    { id: "subtheme:s", from: "theme:a", to: "theme:s", kind: "subtheme", label: "" },
    { id: "code:a:c", from: "theme:a", to: "code:c", kind: "code", label: "" },
    { id: "e1", from: "theme:b", to: "code:d", kind: "link", label: "tension with" },
  ],
};

describe("the thematic map layout", () => {
  it("keeps stored places and lays the rest out in rows by kind", () => {
    const nodes = toFlowNodes(map);
    expect(nodes.map((node) => [node.id, node.position])).toEqual([
      ["theme:a", { x: 40, y: 50 }],
      ["theme:b", { x: 0, y: 0 }],
      ["theme:s", { x: 0, y: 150 }],
      ["code:c", { x: 0, y: 300 }],
      ["code:d", { x: 230, y: 300 }],
    ]);
    expect(nodes.every((node) => node.deletable === false)).toBe(true);
    expect(nodes[0]?.ariaLabel).toBe("Theme: Partners (final)");
  });

  it("lets drawn links and code links be deleted, never the subtheme edge", () => {
    expect(toFlowEdges(map).map((edge) => [edge.id, edge.deletable])).toEqual([
      ["subtheme:s", false],
      ["code:a:c", true],
      ["e1", true],
    ]);
    expect(map.edges.filter(isDeletable)).toHaveLength(2);
  });

  it("names nodes and edges in words", () => {
    const labels = new Map(map.nodes.map((node) => [node.id, node.label]));
    expect(map.edges.map((edge) => describeEdge(edge, labels))).toEqual([
      "My bit is a subtheme of Partners",
      "Partners has the code Shared responsibility",
      "Waiting linked to Listened to: tension with",
    ]);
    expect(describeNode({ kind: "code", label: "Work", status: null })).toBe("Code: Work");
  });

  it("reads node ids and code links back into what the server stores", () => {
    expect(placementOf("theme:a")).toEqual({ kind: "theme", refId: "a" });
    expect(placementOf("code:x:y")).toEqual({ kind: "code", refId: "x:y" });
    expect(placementOf("subtheme:a")).toBeNull();
    expect(placementOf("theme:")).toBeNull();
    expect(codeLinkOf(map.edges[1] as never)).toEqual({ themeId: "a", codeId: "c" });
    expect(codeLinkOf(map.edges[2] as never)).toBeNull();
  });
});
