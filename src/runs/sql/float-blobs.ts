/**
 * Float64 columns ↔ SQLite blobs: 8 bytes per value, little-endian. On little-endian hosts (all
 * the hosts this runs on) a blob is a view of the array's own bytes, copied only by the driver.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Bytes of `values[start, end)` as a little-endian blob. */
export function floatsToBlob(values: Float64Array, start: number, end: number): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset + start * 8, (end - start) * 8);
  const out = new Uint8Array((end - start) * 8);
  const view = new DataView(out.buffer);
  for (let i = start; i < end; i++) view.setFloat64((i - start) * 8, values[i], true);
  return out;
}

/** Writes the values of a blob of `floatsToBlob` into `target` from index `offset`; returns how many. */
export function blobIntoFloats(blob: Uint8Array, target: Float64Array, offset: number): number {
  if (blob.byteLength % 8 !== 0) throw new RangeError(`Corrupt float blob: ${blob.byteLength} bytes is not a multiple of 8`);
  const count = blob.byteLength / 8;
  if (offset + count > target.length) throw new RangeError("Corrupt dataset: more stored values than bars");
  if (LITTLE_ENDIAN) {
    // The blob may sit at any byte offset, so copy bytes rather than view it as Float64Array.
    new Uint8Array(target.buffer, target.byteOffset + offset * 8, blob.byteLength).set(blob);
  } else {
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    for (let i = 0; i < count; i++) target[offset + i] = view.getFloat64(i * 8, true);
  }
  return count;
}
