// Expert photos (issue 18): stored under FILES_DIR/photos under our own name, replaced and removed
// cleanly, never touched by the booking-file purge.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { photoOf, profileOf, setPhoto } from "#app/modules/booking/profiles.server.ts";
import { purgeFiles } from "#app/modules/booking/purge.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { makeExpert } from "./booking-helpers.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "photo-files-"));
beforeAll(() => {
  process.env.FILES_DIR = dir;
  resetEnvCache();
});
const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.alloc(200),
  Buffer.from([0xff, 0xd9]),
]);
const admin = { id: 1, username: "admin" };

describe("expert photo", () => {
  it("stores a checked photo under photos/, replaces it, survives the purge, and is removed", async () => {
    const ex = await makeExpert();
    expect(await setPhoto(admin, ex.expertId, Buffer.from("<svg/>"), null)).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(
      fs.existsSync(path.join(dir, "photos")) ? fs.readdirSync(path.join(dir, "photos")) : [],
    ).toEqual([]);
    expect(await setPhoto(ex.user, ex.expertId, jpeg, null)).toEqual({ ok: true });
    const first = await photoOf(ex.expertId);
    expect(first?.type).toBe("image/jpeg");
    expect(path.dirname(first!.file)).toBe(path.join(dir, "photos"));
    expect((await profileOf(ex.expertId))?.photo).toMatch(
      new RegExp(`^/consult/experts/${ex.expertId}/photo\\?v=[0-9a-f]{8}$`),
    );
    expect(await setPhoto(admin, ex.expertId, jpeg, null)).toEqual({ ok: true });
    const second = await photoOf(ex.expertId);
    expect(second!.file).not.toBe(first!.file);
    expect(fs.existsSync(first!.file)).toBe(false);
    await purgeFiles(1, new Date(Date.now() + 365 * 86_400_000));
    expect(fs.existsSync(second!.file)).toBe(true);
    expect(await setPhoto(ex.user, ex.expertId, null, null)).toEqual({ ok: true });
    expect(await photoOf(ex.expertId)).toBeNull();
    expect(fs.existsSync(second!.file)).toBe(false);
  });
});
