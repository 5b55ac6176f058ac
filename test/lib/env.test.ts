/** The settings this change adds, parsed once in src/env.ts: bad values fail at start, clearly. */
import { describe, expect, it } from "vitest";

import { parseAppVars, parseEnv } from "../../src/env.js";

const SECRET = "x".repeat(32);

describe("TRUST_PROXY and DEMO", () => {
  it("default to off and on", () => {
    expect(parseEnv({})).toMatchObject({ TRUST_PROXY: false, DEMO: true, production: false });
  });

  it("take on/off, true/false, yes/no, 1/0 in any case", () => {
    for (const on of ["on", "ON", "true", "yes", "1"])
      expect(parseEnv({ TRUST_PROXY: on, DEMO: on }), on).toMatchObject({ TRUST_PROXY: true, DEMO: true });
    for (const off of ["off", "False", "no", "0"])
      expect(parseEnv({ TRUST_PROXY: off, DEMO: off }), off).toMatchObject({ TRUST_PROXY: false, DEMO: false });
  });

  it("refuse anything else", () => {
    expect(() => parseEnv({ TRUST_PROXY: "maybe" })).toThrow(/TRUST_PROXY: use on or off/);
    expect(() => parseEnv({ DEMO: "" })).toThrow(/DEMO/);
  });
});

describe("LOGIN_KEY_SECRET", () => {
  it("is required in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/LOGIN_KEY_SECRET: required when NODE_ENV=production/);
    expect(parseEnv({ NODE_ENV: "production", LOGIN_KEY_SECRET: SECRET })).toMatchObject({
      production: true,
      LOGIN_KEY_SECRET: SECRET,
    });
  });

  it("is optional elsewhere, and at least 32 characters when given", () => {
    expect(parseEnv({}).LOGIN_KEY_SECRET).toBeUndefined();
    expect(() => parseEnv({ LOGIN_KEY_SECRET: "short" })).toThrow(/at least 32 characters/);
    expect(parseAppVars({ LOGIN_KEY_SECRET: SECRET }).LOGIN_KEY_SECRET).toBe(SECRET);
  });
});

describe("INVITATION_KEY_SECRET", () => {
  const mail = { SMTP_URL: "smtp://u:p@mail.example:587", MAIL_FROM: "noreply@example.org" };
  it("is required in production when mail is configured, and at least 32 characters", () => {
    expect(() => parseEnv({ NODE_ENV: "production", LOGIN_KEY_SECRET: SECRET, ...mail })).toThrow(
      /INVITATION_KEY_SECRET: required when NODE_ENV=production and mail is configured/,
    );
    expect(
      parseEnv({ NODE_ENV: "production", LOGIN_KEY_SECRET: SECRET, INVITATION_KEY_SECRET: SECRET, ...mail })
        .INVITATION_KEY_SECRET,
    ).toBe(SECRET);
    expect(parseEnv({ NODE_ENV: "production", LOGIN_KEY_SECRET: SECRET }).INVITATION_KEY_SECRET).toBeUndefined();
    expect(parseEnv(mail).INVITATION_KEY_SECRET).toBeUndefined();
    expect(() => parseEnv({ INVITATION_KEY_SECRET: "short" })).toThrow(/at least 32 characters/);
  });
});
