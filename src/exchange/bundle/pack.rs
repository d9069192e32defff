//! Format 4's packing of a file's plaintext: one zstd frame (level 3, with
//! its content size and a checksum), and its careful unpacking: a frame that
//! claims more than the limit is refused before anything is allocated, and a
//! frame without a size is cut off at the limit.

use crate::exchange::error::Problem;
use crate::exchange::keys::{stream_problem, MAX_FILE_BYTES};
use std::io::{BufRead, Read, Write};

/// The first bytes of a zstd frame.
pub const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];
/// zstd's default level: about 14 % of the JSON lines, quickly.
const LEVEL: i32 = 3;

/// Packs the plaintext into one zstd frame, on both cores.
pub fn pack(plain: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(plain.len() / 6 + 1024);
    let mut enc = zstd::stream::write::Encoder::new(&mut out, LEVEL).expect("zstd level 3");
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4)) as u32;
    // Multithreading and the pledged size are optimisations; a build without
    // them still writes a valid frame.
    let _ = enc.multithread(workers);
    let _ = enc.set_pledged_src_size(Some(plain.len() as u64));
    enc.include_checksum(true).expect("zstd checksum flag");
    enc.include_contentsize(true)
        .expect("zstd content size flag");
    enc.write_all(plain).expect("writing to memory");
    enc.finish().expect("writing to memory");
    out
}

/// Unpacks a zstd-framed plaintext read from `r` (the decrypted stream),
/// at most [`MAX_FILE_BYTES`] of it.
pub fn unpack(mut r: impl BufRead) -> Result<Vec<u8>, Problem> {
    let too_large = Problem::TooLargeUnpacked {
        max_mb: MAX_FILE_BYTES >> 20,
    };
    let claimed = frame_size(r.fill_buf().map_err(stream_problem)?)?;
    let dec = zstd::stream::read::Decoder::with_buffer(r).map_err(|_| Problem::Unpack)?;
    let mut out = Vec::with_capacity(claimed.unwrap_or(1 << 20).min(1 << 30) as usize);
    dec.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => Problem::Truncated,
            // age reports a damaged ciphertext as invalid data; zstd as other.
            std::io::ErrorKind::InvalidData => Problem::Damaged,
            _ => Problem::Unpack,
        })?;
    if out.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large);
    }
    if claimed.is_some_and(|n| n != out.len() as u64) {
        return Err(Problem::Unpack);
    }
    Ok(out)
}

/// The size a frame header (at the start of `head`) claims, if it says; a
/// claim over the limit is refused here, before anything is decoded.
pub fn frame_size(head: &[u8]) -> Result<Option<u64>, Problem> {
    match zstd::zstd_safe::get_frame_content_size(head) {
        Ok(Some(n)) if n > MAX_FILE_BYTES => Err(Problem::TooLargeUnpacked {
            max_mb: MAX_FILE_BYTES >> 20,
        }),
        Ok(n) => Ok(n),
        Err(_) => Err(Problem::Unpack),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_round_trips_and_shrinks_json_lines() {
        let plain: Vec<u8> = (0..20_000)
            .flat_map(|i| format!("[\"0190a0a0-{i:04}\",\"Lankforst\",{i},false]\n").into_bytes())
            .collect();
        let packed = pack(&plain);
        assert!(packed.starts_with(&ZSTD_MAGIC));
        assert!(
            packed.len() * 5 < plain.len(),
            "{} of {}",
            packed.len(),
            plain.len()
        );
        assert_eq!(unpack(&packed[..]).unwrap(), plain);
    }

    #[test]
    fn a_damaged_cut_or_oversized_frame_is_refused() {
        let plain = vec![b'a'; 300_000];
        let packed = pack(&plain);
        assert_eq!(unpack(&packed[..packed.len() / 2]), Err(Problem::Truncated));
        let mut flipped = packed.clone();
        let at = flipped.len() - 6;
        flipped[at] ^= 0x40;
        assert_eq!(unpack(&flipped[..]), Err(Problem::Unpack));
        // A frame header claiming 100 GB is refused before decoding.
        let bomb = bomb_header(100 << 30);
        assert_eq!(
            unpack(&bomb[..]),
            Err(Problem::TooLargeUnpacked { max_mb: 2048 })
        );
        assert_eq!(unpack(&b"\x28\xb5\x2f\xfd"[..]), Err(Problem::Unpack));
    }

    /// A zstd frame header with an 8-byte content size of `n` and one empty
    /// raw last block: what a decompression bomb claims.
    pub(crate) fn bomb_header(n: u64) -> Vec<u8> {
        let mut b = ZSTD_MAGIC.to_vec();
        // Frame header descriptor: content size 8 bytes (FCS flag 3), single segment.
        b.push(0b1110_0000);
        b.extend_from_slice(&n.to_le_bytes());
        // Last block, raw, size 0.
        b.extend_from_slice(&[0x01, 0x00, 0x00]);
        b
    }
}
