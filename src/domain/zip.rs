//! A small zip writer and reader for backups: entries are stored (not
//! compressed) and written as a stream — each entry's data goes out as it is
//! produced, with its CRC and size in a data descriptor after it — so a
//! backup never holds a whole dataset in memory. Any zip tool and Python's
//! `zipfile` read the result.

use crate::i18n::{k, t, tf};

const LOCAL: u32 = 0x0403_4b50;
const DESCRIPTOR: u32 = 0x0807_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
/// Bit 3: sizes and CRC follow the data; bit 11: names are UTF-8.
const FLAGS: u16 = (1 << 3) | (1 << 11);
/// 1980-01-01 00:00 in DOS format: entries carry no meaningful time.
const DOS_DATE: u16 = (1 << 5) | 1;

fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *slot = c;
    }
    table
}

/// CRC-32 (IEEE), fed in pieces.
#[derive(Clone)]
pub struct Crc32 {
    table: [u32; 256],
    value: u32,
}

impl Default for Crc32 {
    fn default() -> Self {
        Crc32 { table: crc_table(), value: 0xFFFF_FFFF }
    }
}

impl Crc32 {
    pub fn update(&mut self, data: &[u8]) {
        for &b in data {
            self.value = self.table[((self.value ^ b as u32) & 0xFF) as usize] ^ (self.value >> 8);
        }
    }

    pub fn finish(&self) -> u32 {
        !self.value
    }
}

pub fn crc32(data: &[u8]) -> u32 {
    let mut c = Crc32::default();
    c.update(data);
    c.finish()
}

#[derive(Debug, Clone, PartialEq)]
struct Written {
    name: String,
    crc: u32,
    size: u32,
    offset: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ZipError {
    /// Stored zips without zip64 hold at most 4 GiB.
    TooLarge,
    NotAZip,
    Unsupported(String),
    Damaged(String),
}

impl std::fmt::Display for ZipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ZipError::TooLarge => f.write_str(t(k::data::zip_too_large)),
            ZipError::NotAZip => f.write_str(t(k::data::zip_not_a_zip)),
            ZipError::Unsupported(why) => write!(f, "{why}"),
            ZipError::Damaged(why) => f.write_str(&tf(k::data::zip_damaged, &[("reason", why)])),
        }
    }
}

/// Writes a zip as a sequence of byte chunks: the caller sends each chunk
/// wherever the file goes (a Blob's parts in the browser, a Vec in tests).
#[derive(Default)]
pub struct ZipWriter {
    written: Vec<Written>,
    offset: u64,
    current: Option<(String, Crc32, u64, u64)>,
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

impl ZipWriter {
    /// Starts an entry; returns its local header.
    pub fn start(&mut self, name: &str) -> Vec<u8> {
        let mut out = vec![];
        u32le(&mut out, LOCAL);
        u16le(&mut out, 20);
        u16le(&mut out, FLAGS);
        u16le(&mut out, 0); // stored
        u16le(&mut out, 0);
        u16le(&mut out, DOS_DATE);
        u32le(&mut out, 0);
        u32le(&mut out, 0);
        u32le(&mut out, 0);
        u16le(&mut out, name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        self.current = Some((name.to_owned(), Crc32::default(), 0, self.offset));
        self.offset += out.len() as u64;
        out
    }

    /// Accounts for `data` of the current entry; the caller writes the bytes themselves.
    pub fn data(&mut self, data: &[u8]) {
        if let Some((_, crc, size, _)) = &mut self.current {
            crc.update(data);
            *size += data.len() as u64;
        }
        self.offset += data.len() as u64;
    }

    /// Ends the current entry; returns its data descriptor.
    pub fn end(&mut self) -> Result<Vec<u8>, ZipError> {
        let Some((name, crc, size, offset)) = self.current.take() else { return Ok(vec![]) };
        if size > u32::MAX as u64 || self.offset > u32::MAX as u64 {
            return Err(ZipError::TooLarge);
        }
        let crc = crc.finish();
        let mut out = vec![];
        u32le(&mut out, DESCRIPTOR);
        u32le(&mut out, crc);
        u32le(&mut out, size as u32);
        u32le(&mut out, size as u32);
        self.offset += out.len() as u64;
        self.written.push(Written { name, crc, size: size as u32, offset: offset as u32 });
        Ok(out)
    }

    /// A whole small entry at once.
    pub fn entry(&mut self, name: &str, data: &[u8]) -> Result<Vec<u8>, ZipError> {
        let mut out = self.start(name);
        self.data(data);
        out.extend_from_slice(data);
        out.extend(self.end()?);
        Ok(out)
    }

    /// The central directory and its end record.
    pub fn finish(mut self) -> Result<Vec<u8>, ZipError> {
        let mut tail = self.end()?;
        let start = self.offset;
        let mut dir = vec![];
        for w in &self.written {
            u32le(&mut dir, CENTRAL);
            u16le(&mut dir, 20);
            u16le(&mut dir, 20);
            u16le(&mut dir, FLAGS);
            u16le(&mut dir, 0);
            u16le(&mut dir, 0);
            u16le(&mut dir, DOS_DATE);
            u32le(&mut dir, w.crc);
            u32le(&mut dir, w.size);
            u32le(&mut dir, w.size);
            u16le(&mut dir, w.name.len() as u16);
            u16le(&mut dir, 0);
            u16le(&mut dir, 0);
            u16le(&mut dir, 0);
            u16le(&mut dir, 0);
            u32le(&mut dir, 0);
            u32le(&mut dir, w.offset);
            dir.extend_from_slice(w.name.as_bytes());
        }
        if start + dir.len() as u64 > u32::MAX as u64 || self.written.len() > u16::MAX as usize {
            return Err(ZipError::TooLarge);
        }
        let count = self.written.len() as u16;
        let dir_len = dir.len() as u32;
        tail.extend(dir);
        u32le(&mut tail, END);
        u16le(&mut tail, 0);
        u16le(&mut tail, 0);
        u16le(&mut tail, count);
        u16le(&mut tail, count);
        u32le(&mut tail, dir_len);
        u32le(&mut tail, start as u32);
        u16le(&mut tail, 0);
        Ok(tail)
    }
}

/// One entry as listed in a zip's central directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipEntry {
    pub name: String,
    pub method: u16,
    pub crc: u32,
    pub size: u32,
    pub compressed_size: u32,
    pub header_offset: u32,
}

fn read_u16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn read_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// How many bytes at the end of a zip hold its end record (comment included).
pub const TAIL_LEN: usize = 22 + u16::MAX as usize;

/// Finds the central directory from the file's last bytes (`tail`, at most
/// `TAIL_LEN`): its (offset, length) in the file.
pub fn find_directory(tail: &[u8]) -> Result<(u32, u32), ZipError> {
    if tail.len() < 22 {
        return Err(ZipError::NotAZip);
    }
    let at = (0..=tail.len() - 22).rev().find(|&i| read_u32(tail, i) == Some(END)).ok_or(ZipError::NotAZip)?;
    let len = read_u32(tail, at + 12).ok_or(ZipError::NotAZip)?;
    let offset = read_u32(tail, at + 16).ok_or(ZipError::NotAZip)?;
    if offset == u32::MAX {
        return Err(ZipError::Unsupported(t(k::data::zip64).into()));
    }
    Ok((offset, len))
}

/// Lists the entries of a central directory.
pub fn read_directory(dir: &[u8]) -> Result<Vec<ZipEntry>, ZipError> {
    let mut entries = vec![];
    let mut at = 0;
    let damaged = || ZipError::Damaged(t(k::data::zip_directory_short).into());
    while at + 46 <= dir.len() {
        if read_u32(dir, at) != Some(CENTRAL) {
            return Err(ZipError::Damaged(t(k::data::zip_directory_misplaced).into()));
        }
        let name_len = read_u16(dir, at + 28).ok_or_else(damaged)? as usize;
        let extra_len = read_u16(dir, at + 30).ok_or_else(damaged)? as usize;
        let comment_len = read_u16(dir, at + 32).ok_or_else(damaged)? as usize;
        let name = dir.get(at + 46..at + 46 + name_len).ok_or_else(damaged)?;
        entries.push(ZipEntry {
            name: String::from_utf8_lossy(name).into_owned(),
            method: read_u16(dir, at + 10).ok_or_else(damaged)?,
            crc: read_u32(dir, at + 16).ok_or_else(damaged)?,
            compressed_size: read_u32(dir, at + 20).ok_or_else(damaged)?,
            size: read_u32(dir, at + 24).ok_or_else(damaged)?,
            header_offset: read_u32(dir, at + 42).ok_or_else(damaged)?,
        });
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(entries)
}

impl ZipEntry {
    /// Where the data starts, given the first 30 bytes of its local header.
    pub fn data_offset(&self, local_header: &[u8]) -> Result<u64, ZipError> {
        if read_u32(local_header, 0) != Some(LOCAL) {
            return Err(ZipError::Damaged(tf(k::data::zip_no_header, &[("file", &self.name)])));
        }
        let name_len = read_u16(local_header, 26).unwrap_or(0) as u64;
        let extra_len = read_u16(local_header, 28).unwrap_or(0) as u64;
        Ok(self.header_offset as u64 + 30 + name_len + extra_len)
    }

    /// Checks an entry's data; only stored entries are read.
    pub fn check(&self, data: &[u8]) -> Result<(), ZipError> {
        if self.method != 0 {
            return Err(ZipError::Unsupported(tf(k::data::zip_compressed, &[("file", &self.name)])));
        }
        if data.len() != self.size as usize || crc32(data) != self.crc {
            return Err(ZipError::Damaged(tf(k::data::zip_checksum, &[("file", &self.name)])));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = ZipWriter::default();
        let mut out = vec![];
        for (name, data) in files {
            out.extend(w.start(name));
            // In pieces, as a backup streams records.
            for piece in data.chunks(3) {
                w.data(piece);
                out.extend_from_slice(piece);
            }
            out.extend(w.end().unwrap());
        }
        out.extend(w.finish().unwrap());
        out
    }

    fn read_back(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
        let tail_start = zip.len().saturating_sub(TAIL_LEN);
        let (offset, len) = find_directory(&zip[tail_start..]).unwrap();
        let entries = read_directory(&zip[offset as usize..(offset + len) as usize]).unwrap();
        entries
            .into_iter()
            .map(|e| {
                let start = e.data_offset(&zip[e.header_offset as usize..e.header_offset as usize + 30]).unwrap() as usize;
                let data = zip[start..start + e.size as usize].to_vec();
                e.check(&data).unwrap();
                (e.name, data)
            })
            .collect()
    }

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn streamed_entries_read_back_exactly() {
        let files: [(&str, &[u8]); 3] =
            [("manifest.json", b"{\"format\":1}"), ("argilla/demo/records.json", "[{\"text\":\"é😀\"}]".as_bytes()), ("empty", b"")];
        let zip = build(&files);
        let back = read_back(&zip);
        assert_eq!(back.len(), 3);
        for ((name, data), (n, d)) in files.iter().zip(back) {
            assert_eq!((*name, *data), (n.as_str(), d.as_slice()));
        }
    }

    #[test]
    fn not_a_zip_and_damage_are_told_apart() {
        assert_eq!(find_directory(b"just some text that is long enough to look"), Err(ZipError::NotAZip));
        let mut zip = build(&[("a.json", b"[1,2,3]")]);
        let data_at = 30 + "a.json".len();
        zip[data_at] = b'x';
        let (offset, len) = find_directory(&zip).unwrap();
        let entry = read_directory(&zip[offset as usize..(offset + len) as usize]).unwrap().remove(0);
        assert!(matches!(entry.check(&zip[data_at..data_at + 7]), Err(ZipError::Damaged(_))));
        let compressed = ZipEntry { method: 8, ..entry };
        assert!(matches!(compressed.check(b"[1,2,3]"), Err(ZipError::Unsupported(_))));
    }
}
