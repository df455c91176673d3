import { describe, expect, it } from "vitest";
import { DEFAULT_ANNUAL_HOURS } from "#app/modules/learning/settings.server.ts";
import { loadCourses } from "./load.server.ts";

// Issue 19: staff must be able to meet the yearly requirement with room to choose.
const MARGIN = 1.3;

describe("staff catalogue 学时 (issue 19)", () => {
  it("the courses open to staff (audience STAFF or ALL) total at least 1.3 × the default annual requirement", () => {
    const { courses, errors } = loadCourses();
    expect(errors).toEqual([]);
    const staff = courses.filter((c) => c.meta.audience === "STAFF" || c.meta.audience === "ALL");
    const total = staff.reduce((n, c) => n + c.meta.creditHours, 0);
    expect(
      total,
      `staff catalogue: ${total} 学时 in ${staff.length} courses, needs ${MARGIN * DEFAULT_ANNUAL_HOURS}`,
    ).toBeGreaterThanOrEqual(MARGIN * DEFAULT_ANNUAL_HOURS);
  });
});
