import { Transform } from "node:stream";

/**
 * React 18.3.1's renderToPipeableStream emits the whole 2,048-byte buffer when a
 * multi-byte character does not fit at its end, so one or two NUL bytes land in
 * the HTML (facebook/react#31134): Chinese pages are hit wherever a character
 * straddles that boundary. Our HTML never carries a NUL (forms refuse them), so
 * the bytes are dropped on the way out.
 */
export function stripNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (chunk.indexOf(0) === -1) return callback(null, chunk);
      const out = Buffer.allocUnsafe(chunk.length);
      let n = 0;
      for (const byte of chunk) if (byte !== 0) out[n++] = byte;
      callback(null, out.subarray(0, n));
    },
  });
}
