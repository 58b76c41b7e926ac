//! Building the site: each guide's pages rendered and written as the guide comes, into a
//! [`Staging`] that replaces the output as a whole, and never anything that is not an earlier
//! site, once every guide is written.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use askama::Template;

use super::GuideInput;
use super::compile::guide_json;
use super::graph::graph_svg;
use super::html::{GuidePage, IndexPage, IndexRow, NavLink};
use super::labels::Lang;
use super::publish::{Protected, PublishError, Staging};
use super::slug::DistinctSlugs;

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

/// Builds the site into `out_dir` from guides held in memory, replacing whatever was there as
/// a whole; [`SiteWriter`] does the same one guide at a time.
pub fn build_site(
    inputs: &[GuideInput<'_>],
    out_dir: &Path,
    options: &BuildOptions,
) -> Result<BuildReport, BuildError> {
    let mut writer = SiteWriter::begin(out_dir, options)?;
    for (index, input) in inputs.iter().enumerate() {
        let next = inputs.get(index + 1).map(|n| NextGuide {
            id: &n.playbook.id,
            title: &n.playbook.title,
        });
        writer.add(input, next)?;
    }
    writer.finish()
}

/// The guide that follows the one being added, for its "next" link.
#[derive(Debug, Clone, Copy)]
pub struct NextGuide<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

/// A site written guide by guide: each guide's pages go to disk as soon as they are rendered,
/// so memory holds one guide and the index rows, whatever the number of playbooks. Nothing is
/// published until [`SiteWriter::finish`]; dropped before, it leaves the output as it was.
pub struct SiteWriter {
    staging: Staging,
    built: Option<String>,
    cancel: Option<Arc<AtomicBool>>,
    folders: DistinctSlugs,
    /// The folder handed out for the guide announced as next, which is added after.
    announced: Option<String>,
    previous: Option<NavLink>,
    guides: Vec<PublishedGuide>,
    written: Vec<PathBuf>,
    /// The index rows in both languages: the index's language is known only at the end.
    rows_en: Vec<IndexRow>,
    rows_pt: Vec<IndexRow>,
    /// The language every guide so far shares, or None once two differ.
    shared_lang: Option<Lang>,
}

impl SiteWriter {
    /// Takes the output (see [`Staging::begin`]): refused outputs are refused before any guide
    /// is rendered.
    pub fn begin(out_dir: &Path, options: &BuildOptions) -> Result<Self, BuildError> {
        Ok(Self {
            staging: Staging::begin(out_dir, &options.protected)?,
            built: options.source_date_epoch.map(utc_date),
            cancel: options.cancel.clone(),
            folders: DistinctSlugs::default(),
            announced: None,
            previous: None,
            guides: Vec::new(),
            written: Vec::new(),
            rows_en: Vec::new(),
            rows_pt: Vec::new(),
            shared_lang: None,
        })
    }

    /// Whether no guide was added.
    pub fn is_empty(&self) -> bool {
        self.guides.is_empty()
    }

    /// Renders and writes one guide; `next` is the guide that will be added after it, if any.
    pub fn add(
        &mut self,
        input: &GuideInput<'_>,
        next: Option<NextGuide<'_>>,
    ) -> Result<(), BuildError> {
        self.stop_if_cancelled()?;
        let id = &input.playbook.id;
        let folder = match self.announced.take() {
            Some(folder) => folder,
            None => self.folders.next(id),
        };
        let next_link = next.map(|n| {
            let folder = self.folders.next(n.id);
            self.announced = Some(folder.clone());
            NavLink {
                href: format!("../{folder}/index.html"),
                title: n.title.to_string(),
            }
        });
        let guide = guide_json(input);
        let page = GuidePage::new(
            input.playbook,
            &guide,
            self.previous.take(),
            next_link,
            self.built.clone(),
        );
        let html = page.render().map_err(|e| BuildError::Render {
            id: id.clone(),
            message: e.to_string(),
        })?;
        let mut json = serde_json::to_string_pretty(&guide).map_err(|e| BuildError::Json {
            id: id.clone(),
            message: e.to_string(),
        })?;
        json.push('\n');
        self.write(PathBuf::from(&folder).join("index.html"), html.as_bytes())?;
        self.write(PathBuf::from(&folder).join("guide.json"), json.as_bytes())?;
        // The diagram on its own, for zooming on a phone and for slides.
        let diagram = graph_svg(input.playbook);
        self.write(
            PathBuf::from(&folder).join("diagram.svg"),
            diagram.as_bytes(),
        )?;

        let lang = Lang::for_locale(&guide.playbook.locale);
        self.shared_lang = match (self.guides.is_empty(), self.shared_lang) {
            (true, _) => Some(lang),
            (false, Some(shared)) if shared == lang => Some(shared),
            _ => None,
        };
        let href = format!("{folder}/index.html");
        self.rows_en
            .push(IndexRow::new(&guide, href.clone(), Lang::En.labels()));
        self.rows_pt
            .push(IndexRow::new(&guide, href, Lang::Pt.labels()));
        self.previous = Some(NavLink {
            href: format!("../{folder}/index.html"),
            title: input.playbook.title.clone(),
        });
        self.guides.push(PublishedGuide {
            id: id.clone(),
            folder,
        });
        Ok(())
    }

    /// Writes the index and publishes the site.
    pub fn finish(mut self) -> Result<BuildReport, BuildError> {
        self.stop_if_cancelled()?;
        // The index speaks the language every playbook shares; English when they differ.
        let (lang, rows) = match self.shared_lang {
            Some(Lang::Pt) => (Lang::Pt, std::mem::take(&mut self.rows_pt)),
            _ => (Lang::En, std::mem::take(&mut self.rows_en)),
        };
        let index = IndexPage::new(rows, lang, self.built.clone())
            .render()
            .map_err(|e| BuildError::Render {
                id: "index".into(),
                message: e.to_string(),
            })?;
        self.write(PathBuf::from("index.html"), index.as_bytes())?;
        let Self {
            staging,
            guides,
            mut written,
            cancel,
            ..
        } = self;
        staging.commit(&|| is_set(cancel.as_deref()))?;
        written.sort();
        Ok(BuildReport {
            guides,
            files: written,
        })
    }

    fn write(&mut self, relative: PathBuf, bytes: &[u8]) -> Result<(), BuildError> {
        self.staging.write(&relative, bytes)?;
        self.written.push(relative);
        Ok(())
    }

    fn stop_if_cancelled(&self) -> Result<(), BuildError> {
        if is_set(self.cancel.as_deref()) {
            return Err(PublishError::Interrupted.into());
        }
        Ok(())
    }
}

/// Whether a signal asked the build to stop.
fn is_set(cancel: Option<&AtomicBool>) -> bool {
    cancel.is_some_and(|c| c.load(Ordering::SeqCst))
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
