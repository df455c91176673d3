import QRCode from "qrcode";
import { env } from "#app/utils/env.server.ts";

// The certificate's QR code (issue 16): made on the server by `qrcode` (no outside service),
// encoding the /verify link for that certificate on PUBLIC_BASE_URL (else the request's origin).

export const QR_OPTIONS = { type: "svg", errorCorrectionLevel: "M", margin: 1 } as const;

/** Where a printed certificate is checked: /verify with its number and code filled in. */
export function verifyUrl(requestUrl: string, certificateNo: string, verifyCode: string): string {
  const base = env().PUBLIC_BASE_URL ?? new URL(requestUrl).origin;
  const query = new URLSearchParams({ no: certificateNo, code: verifyCode });
  return `${base}/verify?${query.toString()}`;
}

/** The QR code of `text` as an SVG document (paths only: no script, no style attribute). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, QR_OPTIONS);
}
