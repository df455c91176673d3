/**
 * One spelling per address: an IPv4 client reached over an IPv6 socket arrives as
 * `::ffff:127.0.0.1` (an IPv4-mapped IPv6 address); it is stored and shown as `127.0.0.1`.
 * Used when an audit row is written and again when an older row is shown.
 */
export function normaliseIp(ip: string | null | undefined): string | null {
  if (ip == null) return null;
  const text = ip.trim();
  if (text === "") return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(text);
  return (mapped ? mapped[1]! : text).slice(0, 64);
}
