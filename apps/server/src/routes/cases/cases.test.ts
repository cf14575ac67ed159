/** API tests of cases and attributes: declare, set values, list with filters. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedProject, serverBackends, type TestServer } from "../../test-support/api.js";

describe.each(serverBackends())("cases ($name)", (backend) => {
  let api: TestServer;
  let key: string;
  beforeAll(async () => {
    api = await backend.start();
    ({ key } = await seedProject(api));
  });
  afterAll(() => api.close());

  it("declares attributes, adds cases, sets and filters values", async () => {
    const age = await api.call("POST", `/api/projects/${key}/attributes`, {
      name: "Age",
      type: "number",
    });
    expect(age.status).toBe(201);
    await api.call("POST", `/api/projects/${key}/attributes`, {
      name: "Arm",
      type: "category",
      allowedValues: ["CBT", "TAU"],
    });
    const attributes = await api.call("GET", `/api/projects/${key}/attributes`);
    expect(attributes.body.attributes.map((a: { name: string }) => a.name)).toEqual(["Age", "Arm"]);
    const clash = await api.call("POST", `/api/projects/${key}/attributes`, {
      name: "Age",
      type: "text",
    });
    expect(clash.status).toBe(409);

    const added = await api.call("POST", `/api/projects/${key}/cases`, { name: "P09" });
    expect(added.status).toBe(201);
    const set = await api.call("PATCH", `/api/projects/${key}/cases/${added.body.id}/attributes`, {
      values: { Age: "42", Arm: "CBT" },
    });
    expect(set.body.attributes).toEqual({ Age: 42, Arm: "CBT" });
    const wrong = await api.call(
      "PATCH",
      `/api/projects/${key}/cases/${added.body.id}/attributes`,
      {
        values: { Age: "forty" },
      },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.id).toBe("invalid_input");
    const undeclared = await api.call(
      "PATCH",
      `/api/projects/${key}/cases/${added.body.id}/attributes`,
      {
        values: { Colour: "blue" },
      },
    );
    expect(undeclared.body.error.id).toBe("attribute_not_found");
    const missing = await api.call("PATCH", `/api/projects/${key}/cases/nope/attributes`, {
      values: {},
    });
    expect(missing.body.error.id).toBe("case_not_found");

    const all = await api.call("GET", `/api/projects/${key}/cases`);
    expect(all.body.cases.length).toBe(2);
    const cbt = await api.call("GET", `/api/projects/${key}/cases?where=Arm:CBT`);
    expect(cbt.body.cases.map((c: { name: string }) => c.name)).toEqual(["P09"]);
  });
});
