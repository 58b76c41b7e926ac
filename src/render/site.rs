//! Building the site: every page rendered in memory first, then handed to [`super::publish`],
//! which replaces the output as a whole and never anything that is not an earlier site.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use askama::Template;

use super::GuideInput;
use super::compile::guide_json;
use super::graph::graph_svg;
use super::html::{GuidePage, IndexPage, IndexRow, NavLink};
use super::labels::Lang;
use super::publish::{self, Protected, PublishError};
use super::slug::distinct_slugs;

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Seconds since the epoch to print as the build date; None prints no date, so that two
    /// builds of the same inputs are byte-identical.
    pub source_date_epoch: Option<i64>,
    /// Places the build must never replace (the inputs, the current folder, home).
    pub protected: Protected,
    /// Set (by a signal handler) to abandon the build before the site is replaced.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl BuildOptions {
    /// Options from the environment: `SOURCE_DATE_EPOCH` when it is set to an integer.
    pub fn from_env() -> Self {
        Self {
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|v| v.trim().parse().ok()),
            ..Self::default()
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
    #[error(transparent)]
    Publish(#[from] PublishError),
    #[error("cannot render the guide of `{id}`: {message}")]
    Render { id: String, message: String },
    #[error("cannot serialise the JSON guide of `{id}`: {message}")]
    Json { id: String, message: String },
}

/// Builds the site into `out_dir`, replacing whatever was there as a whole.
pub fn build_site(
    inputs: &[GuideInput<'_>],
    out_dir: &Path,
    options: &BuildOptions,
) -> Result<BuildReport, BuildError> {
    let files = render_site(inputs, options)?;
    let folders = guide_folders(inputs);
    let guides = inputs
        .iter()
        .zip(folders)
        .map(|(i, folder)| PublishedGuide {
            id: i.playbook.id.clone(),
            folder,
        })
        .collect();
    publish::publish(
        out_dir,
        &files,
        &options.protected,
        options.cancel.as_deref(),
    )?;
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
    let folders = guide_folders(inputs);
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
        let folder = &folders[index];
        let neighbour = |i: usize| {
            inputs.get(i).map(|n| NavLink {
                href: format!("../{}/index.html", folders[i]),
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

/// One folder per guide, in input order. Two playbooks sharing an id (published only with
/// `--allow-errors`, which reports `ref/duplicate-id`) get two folders, never one over the other.
fn guide_folders(inputs: &[GuideInput<'_>]) -> Vec<String> {
    distinct_slugs(inputs.iter().map(|i| i.playbook.id.as_str()))
}

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
