import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { resetMailTransport } from "#app/modules/notifications/mail.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";

export type ReceivedMail = { to: string[]; body: string };

/**
 * A real SMTP server on loopback (smtp-server, nodemailer's own), not a mock, for one test file:
 * started before its tests and stopped after them. `configure()` points SMTP_URL at it.
 */
export function smtpSink() {
  const received: ReceivedMail[] = [];
  let server: SMTPServer;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let body = "";
        stream.on("data", (c: Buffer) => (body += c.toString()));
        stream.on("end", () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => {
    server.close();
    delete process.env.SMTP_URL;
    resetEnvCache();
    resetMailTransport();
  });
  const configure = () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    resetEnvCache();
    resetMailTransport();
  };
  return { received, configure };
}
