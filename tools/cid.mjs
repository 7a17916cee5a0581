// Independent CID computation for the tests: the IPFS JavaScript importer configured
// as kubo's `ipfs add --cid-version=1` defaults (raw leaves, 256 KiB fixed chunks,
// balanced layout with at most 174 links per node). Usage: node cid.mjs FILE
import { readFileSync } from "node:fs";
import { importer } from "ipfs-unixfs-importer";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { balanced } from "ipfs-unixfs-importer/layout";
import { MemoryBlockstore } from "blockstore-core/memory";

const bytes = readFileSync(process.argv[2]);
const options = {
  cidVersion: 1,
  rawLeaves: true,
  reduceSingleLeafToSelf: true,
  chunker: fixedSize({ chunkSize: 262144 }),
  layout: balanced({ maxChildrenPerNode: 174 }),
};
for await (const entry of importer([{ content: bytes }], new MemoryBlockstore(), options)) {
  process.stdout.write(entry.cid.toString() + "\n");
}
