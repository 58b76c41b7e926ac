//! Writing the site: every page rendered in memory first, then written into a temporary folder
//! beside the output and renamed into place, so a failed build never leaves a half site.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use askama::Template;

use super::GuideInput;
use super::compile::guide_json;
use super::graph::graph_svg;
use super::html::{GuidePage, IndexPage, IndexRow, NavLink};
use super::labels::Lang;
use super::slug::Slugs;

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Seconds since the epoch to print as the build date; None prints no date, so that two
    /// builds of the same inputs are byte-identical.
    pub source_date_epoch: Option<i64>,
}

impl BuildOptions {
    /// Options from the environment: `SOURCE_DATE_EPOCH` when it is set to an integer.
    pub fn from_env() -> Self {
        Self {
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|v| v.trim().parse().ok()),
        }
    }
}

/// One published guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedGuide {
    pub id: String,
    /// Folder of the guide inside the site (the id, made safe and unique).
    pub folder: String,
}

/// What a build wrote.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub guides: Vec<PublishedGuide>,
    /// Every file written, relative to the site folder, sorted.
    pub files: Vec<PathBuf>,
}

/// Why a build failed. The previous site, if any, is untouched.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("cannot write the site at {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot render the guide of `{id}`: {message}")]
    Render { id: String, message: String },
    #[error("cannot serialise the JSON guide of `{id}`: {message}")]
    Json { id: String, message: String },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
    move |source| BuildError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Builds the site into `out_dir`, replacing whatever was there as a whole.
pub fn build_site(
    inputs: &[GuideInput<'_>],
    out_dir: &Path,
    options: &BuildOptions,
) -> Result<BuildReport, BuildError> {
    let files = render_site(inputs, options)?;
    let folders = Slugs::new(inputs.iter().map(|i| i.playbook.id.as_str()));
    let guides = inputs
        .iter()
        .map(|i| PublishedGuide {
            id: i.playbook.id.clone(),
            folder: folders.get(&i.playbook.id),
        })
        .collect();
    write_atomically(out_dir, &files)?;
    let mut written: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
    written.sort();
    Ok(BuildReport {
        guides,
        files: written,
    })
}

/// Every file of the site, as (relative path, bytes), in a fixed order.
fn render_site(
    inputs: &[GuideInput<'_>],
    options: &BuildOptions,
) -> Result<Vec<(PathBuf, Vec<u8>)>, BuildError> {
    let built = options.source_date_epoch.map(utc_date);
    let folders = Slugs::new(inputs.iter().map(|i| i.playbook.id.as_str()));
    let guides: Vec<_> = inputs.iter().map(guide_json).collect();
    let mut files = Vec::new();
    let mut rows = Vec::new();
    // The index speaks the language every playbook shares; English when they differ.
    let langs: Vec<Lang> = guides
        .iter()
        .map(|g| Lang::for_locale(&g.playbook.locale))
        .collect();
    let index_lang = match langs.first() {
        Some(&first) if langs.iter().all(|&l| l == first) => first,
        _ => Lang::En,
    };
    for (index, (input, guide)) in inputs.iter().zip(&guides).enumerate() {
        let id = &input.playbook.id;
        let folder = folders.get(id);
        let neighbour = |i: usize| {
            inputs.get(i).map(|n| NavLink {
                href: format!("../{}/index.html", folders.get(&n.playbook.id)),
                title: n.playbook.title.clone(),
            })
        };
        let previous = index.checked_sub(1).and_then(neighbour);
        let next = neighbour(index + 1);
        let page = GuidePage::new(input.playbook, guide, previous, next, built.clone());
        let html = page.render().map_err(|e| BuildError::Render {
            id: id.clone(),
            message: e.to_string(),
        })?;
        let mut json = serde_json::to_string_pretty(guide).map_err(|e| BuildError::Json {
            id: id.clone(),
            message: e.to_string(),
        })?;
        json.push('\n');
        files.push((PathBuf::from(&folder).join("index.html"), html.into_bytes()));
        files.push((PathBuf::from(&folder).join("guide.json"), json.into_bytes()));
        // The diagram on its own, for zooming on a phone and for slides.
        files.push((
            PathBuf::from(&folder).join("diagram.svg"),
            graph_svg(input.playbook).into_bytes(),
        ));
        rows.push(IndexRow::new(
            guide,
            format!("{folder}/index.html"),
            index_lang.labels(),
        ));
    }
    let index = IndexPage::new(rows, index_lang, built)
        .render()
        .map_err(|e| BuildError::Render {
            id: "index".into(),
            message: e.to_string(),
        })?;
    files.insert(0, (PathBuf::from("index.html"), index.into_bytes()));
    Ok(files)
}

/// Writes into a temporary folder beside `out_dir`, then swaps it in. The old site is moved
/// aside first and removed only once the new one is in place; on failure it is restored.
fn write_atomically(out_dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), BuildError> {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io(&parent))?;
    let name = out_dir
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    for (relative, bytes) in files {
        let path = staging.path().join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let mut file = fs::File::create(&path).map_err(io(&path))?;
        file.write_all(bytes).map_err(io(&path))?;
        file.sync_all().map_err(io(&path))?;
    }
    // Published pages must be readable by a web server, whatever the temporary folder's mode.
    set_readable(staging.path());

    let staged = staging.keep();
    let old = if out_dir.exists() {
        let aside = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(&parent)
            .map_err(io(&parent))?
            .keep();
        // rename() onto an existing empty folder replaces it.
        if let Err(e) = fs::rename(out_dir, &aside) {
            let _ = fs::remove_dir_all(&staged);
            let _ = fs::remove_dir(&aside);
            return Err(BuildError::Io {
                path: out_dir.to_path_buf(),
                source: e,
            });
        }
        Some(aside)
    } else {
        None
    };
    if let Err(e) = fs::rename(&staged, out_dir) {
        if let Some(aside) = &old {
            let _ = fs::rename(aside, out_dir);
        }
        let _ = fs::remove_dir_all(&staged);
        return Err(BuildError::Io {
            path: out_dir.to_path_buf(),
            source: e,
        });
    }
    if let Some(aside) = old {
        let _ = fs::remove_dir_all(aside);
    }
    Ok(())
}

#[cfg(unix)]
fn set_readable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o755));
}

#[cfg(not(unix))]
fn set_readable(_dir: &Path) {}

/// `YYYY-MM-DD` (UTC) of a Unix time, for `SOURCE_DATE_EPOCH`.
pub fn utc_date(seconds: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_epoch_seconds() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(1_700_000_000), "2023-11-14");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(-86_400), "1969-12-31");
    }
}
