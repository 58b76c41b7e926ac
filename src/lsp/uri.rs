//! `file:` URIs and paths. Editors send percent-encoded URIs (`cobran%C3%A7a.yaml`); the path
//! decides which `cordial.toml` applies, so it must be the file's real name.

use std::path::{Path, PathBuf};

use lsp_types::Uri;

/// Whether the document is a file on disk (rather than an unsaved buffer).
pub fn is_file(uri: &Uri) -> bool {
    uri.as_str().starts_with("file:")
}

/// The path of a `file:` URI; for other schemes, the URI's last segment (a name to report,
/// with no configuration looked up from it).
pub fn to_path(uri: &Uri) -> PathBuf {
    let text = uri.as_str();
    let Some(rest) = text
        .strip_prefix("file://")
        .or_else(|| text.strip_prefix("file:"))
    else {
        let name = text.rsplit(['/', ':']).next().unwrap_or(text);
        return PathBuf::from(decode(name));
    };
    // `file://host/path`: the host (usually empty or `localhost`) is not part of the path.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) => &rest[i..],
        None => rest,
    };
    let decoded = decode(path);
    // `/C:/x` on Windows is `C:/x`.
    let b = decoded.as_bytes();
    if b.len() > 2 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':' {
        return PathBuf::from(&decoded[1..]);
    }
    PathBuf::from(decoded)
}

/// The `file:` URI of an absolute path, every byte outside RFC 3986's unreserved set (and `/`)
/// percent-encoded.
pub fn from_path(path: &Path) -> Option<Uri> {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(Some(h)), Some(Some(l))) = (
                bytes.get(i + 1).map(|&b| hex(b)),
                bytes.get(i + 2).map(|&b| hex(b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_through_paths_with_accents_and_spaces() {
        let path = Path::new("/tmp/cobrança amigável/x.playbook.yaml");
        let uri = from_path(path).expect("uri");
        assert_eq!(
            uri.as_str(),
            "file:///tmp/cobran%C3%A7a%20amig%C3%A1vel/x.playbook.yaml"
        );
        assert_eq!(to_path(&uri), path);
        let windows: Uri = "file:///c%3A/p/x.yaml".parse().expect("uri");
        assert_eq!(to_path(&windows), Path::new("c:/p/x.yaml"));
        let untitled: Uri = "untitled:Untitled-1".parse().expect("uri");
        assert!(!is_file(&untitled));
        assert_eq!(to_path(&untitled), Path::new("Untitled-1"));
    }
}
