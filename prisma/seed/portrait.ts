// DEMO SEED ONLY: a small PNG portrait placeholder for the demo expert (a grey head and
// shoulders on a light blue ground), made here so no binary file ships with the repository.
import zlib from "node:zlib";

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A width × height RGB PNG (8 bits a channel, no interlace). */
export function portraitPng(width = 120, height = 150): Buffer {
  const ground = [0xdb, 0xea, 0xfe];
  const figure = [0x78, 0x71, 0x6c];
  const cx = width / 2;
  const head = { y: height * 0.36, r: width * 0.2 };
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0: none
    for (let x = 0; x < width; x++) {
      const inHead = (x - cx) ** 2 + (y - head.y) ** 2 <= head.r ** 2;
      // Shoulders: the upper half of an ellipse standing on the bottom edge.
      const inBody = ((x - cx) / (width * 0.42)) ** 2 + ((y - height) / (height * 0.34)) ** 2 <= 1;
      const [r, g, b] = inHead || inBody ? figure : ground;
      row[1 + x * 3] = r!;
      row[2 + x * 3] = g!;
      row[3 + x * 3] = b!;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
