import nodemailer, { type Transporter } from "nodemailer";
import { env } from "#app/utils/env.server.ts";

// E-mail is optional: with SMTP_URL unset the platform notifies in-app only and
// the pages say so. Sending never blocks or fails the action that triggered it.

let transport: Transporter | null | undefined;

export function mailEnabled(): boolean {
  return Boolean(env().SMTP_URL);
}

function transporter(): Transporter | null {
  if (transport === undefined)
    transport = env().SMTP_URL ? nodemailer.createTransport(env().SMTP_URL) : null;
  return transport;
}

export type Mail = { to: string; subject: string; text: string };

/** Sends each mail (at most 4 at a time); returns how many the SMTP server accepted. */
export async function sendMails(mails: Mail[]): Promise<number> {
  const t = transporter();
  if (!t || mails.length === 0) return 0;
  let sent = 0;
  const queue = [...mails];
  await Promise.all(
    Array.from({ length: Math.min(4, queue.length) }, async () => {
      for (let m = queue.shift(); m; m = queue.shift()) {
        try {
          await t.sendMail({ from: env().MAIL_FROM, to: m.to, subject: m.subject, text: m.text });
          sent++;
        } catch (error) {
          console.error("mail: sending failed", error instanceof Error ? error.message : error);
        }
      }
    }),
  );
  return sent;
}

/** For tests: forget the transport so a new SMTP_URL takes effect. */
export function resetMailTransport() {
  transport = undefined;
}
