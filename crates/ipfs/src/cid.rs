//! CIDv1 of a file as kubo's `ipfs add --cid-version=1` computes it by default: 256 KiB
//! chunks stored as raw blocks, joined by a balanced DAG of dag-pb UnixFS `File` nodes
//! with at most 174 links each; a single-chunk file is its raw block's CID.

use sha2::{Digest, Sha256};

const CHUNK: usize = 256 * 1024;
const MAX_LINKS: usize = 174;
const RAW: u64 = 0x55;
const DAG_PB: u64 = 0x70;
const SHA2_256: u64 = 0x12;

fn varint(mut v: u64, out: &mut Vec<u8>) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A CID's binary form.
fn cid_bytes(codec: u64, block: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(36);
    varint(1, &mut out);
    varint(codec, &mut out);
    varint(SHA2_256, &mut out);
    varint(32, &mut out);
    out.extend_from_slice(&Sha256::digest(block));
    out
}

/// RFC 4648 base32, lowercase, no padding, with multibase prefix `b`.
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut out = String::from("b");
    let (mut buf, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buf = (buf << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            out.push(ALPHABET[((buf >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buf << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// One block of the DAG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its CID, as a string.
    pub cid: String,
    /// Its bytes.
    pub data: Vec<u8>,
}

/// A node's link target: CID bytes, file bytes below it, and its cumulative size.
struct Child {
    cid: Vec<u8>,
    file_size: u64,
    tsize: u64,
}

fn field_bytes(field: u64, payload: &[u8], out: &mut Vec<u8>) {
    varint(field << 3 | 2, out);
    varint(payload.len() as u64, out);
    out.extend_from_slice(payload);
}

fn field_varint(field: u64, v: u64, out: &mut Vec<u8>) {
    varint(field << 3, out);
    varint(v, out);
}

/// Encodes a dag-pb node of UnixFS type File over `children` (links first, as dag-pb's
/// canonical form requires).
fn encode_node(children: &[Child]) -> Vec<u8> {
    let mut unixfs = Vec::new();
    field_varint(1, 2, &mut unixfs); // Type = File
    field_varint(3, children.iter().map(|c| c.file_size).sum(), &mut unixfs);
    for c in children {
        field_varint(4, c.file_size, &mut unixfs); // blocksizes, not packed
    }
    let mut node = Vec::new();
    for c in children {
        let mut link = Vec::new();
        field_bytes(1, &c.cid, &mut link); // Hash
        field_bytes(2, b"", &mut link); // Name (empty)
        field_varint(3, c.tsize, &mut link); // Tsize
        field_bytes(2, &link, &mut node);
    }
    field_bytes(1, &unixfs, &mut node);
    node
}

struct Builder<'a> {
    chunks: std::slice::Chunks<'a, u8>,
    next: Option<&'a [u8]>,
    blocks: Vec<Block>,
}

impl<'a> Builder<'a> {
    fn done(&self) -> bool {
        self.next.is_none()
    }

    fn leaf(&mut self) -> Child {
        let data = self.next.take().unwrap_or_default();
        self.next = self.chunks.next();
        let cid = cid_bytes(RAW, data);
        self.blocks.push(Block { cid: base32(&cid), data: data.to_vec() });
        Child { cid, file_size: data.len() as u64, tsize: data.len() as u64 }
    }

    fn commit(&mut self, children: Vec<Child>) -> Child {
        let data = encode_node(&children);
        let cid = cid_bytes(DAG_PB, &data);
        let tsize = data.len() as u64 + children.iter().map(|c| c.tsize).sum::<u64>();
        let file_size = children.iter().map(|c| c.file_size).sum();
        self.blocks.push(Block { cid: base32(&cid), data });
        Child { cid, file_size, tsize }
    }

    /// Fills a node (already holding `children`) with subtrees of `depth`.
    fn fill(&mut self, mut children: Vec<Child>, depth: usize) -> Child {
        while children.len() < MAX_LINKS && !self.done() {
            let child = if depth == 1 { self.leaf() } else { self.fill(Vec::new(), depth - 1) };
            children.push(child);
        }
        self.commit(children)
    }
}

/// The CID of `data` and every block of its DAG (root last).
pub fn dag_of(data: &[u8]) -> (String, Vec<Block>) {
    let mut chunks = data.chunks(CHUNK);
    let next = chunks.next().or(Some(&[]));
    let mut b = Builder { chunks, next, blocks: Vec::new() };
    // The balanced layout: start from the first leaf, and while data remains, put the
    // current root under a new root and fill that with subtrees one level deeper.
    let mut root = b.leaf();
    let mut depth = 1;
    while !b.done() {
        root = b.fill(vec![root], depth);
        depth += 1;
    }
    (base32(&root.cid), b.blocks)
}

/// The CID of `data`.
pub fn cid_of(data: &[u8]) -> String {
    dag_of(data).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_files_are_raw_cids() {
        // `echo -n hello | ipfs add --cid-version=1 -Q`
        assert_eq!(cid_of(b"hello"), "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq");
        assert_eq!(cid_of(b""), "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
        assert!(cid_of(&vec![7u8; CHUNK]).starts_with("bafkrei"), "one full chunk is still raw");
    }

    #[test]
    fn larger_files_are_dag_pb_roots() {
        let data = vec![1u8; CHUNK + 1];
        let (cid, blocks) = dag_of(&data);
        assert!(cid.starts_with("bafybei"), "{cid}");
        assert_eq!(blocks.len(), 3, "two leaves and a root");
        let many = vec![2u8; CHUNK * (MAX_LINKS + 2)];
        let (_, blocks) = dag_of(&many);
        // 176 leaves; a full node of 174, a node of 2, and a root over both.
        assert_eq!(blocks.len(), 176 + 3);
    }

    #[test]
    fn base32_matches_rfc4648() {
        assert_eq!(base32(b"foobar"), "bmzxw6ytboi");
        assert_eq!(base32(b"f"), "bmy");
    }
}
